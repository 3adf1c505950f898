import ArcoCore

/// What `arco run` (and later schedules, sensors and backfills) asks for.
public struct RunRequestOptions: Sendable {
    /// The selections as typed (repeated or comma-separated pieces are united).
    public var selection: [String]
    /// The partitions asked for.
    public var partitions: PartitionRequest
    /// The exactly-once key, if any.
    public var runKey: String?
    /// The run's tags.
    public var tags: [String: String]
    /// What started the run.
    public var trigger: RunTrigger
    /// Whether the run is queued for a worker rather than executed by the requesting process.
    public var detached: Bool

    /// Creates options.
    public init(
        selection: [String], partitions: PartitionRequest = .none, runKey: String? = nil, tags: [String: String] = [:],
        trigger: RunTrigger = RunTrigger(kind: .manual), detached: Bool = false
    ) {
        self.selection = selection
        self.partitions = partitions
        self.runKey = runKey
        self.tags = tags
        self.trigger = trigger
        self.detached = detached
    }
}

/// What a run request led to.
public struct RunReservation: Sendable {
    /// The run: new, or the one already reserved under the key.
    public var runID: RunID
    /// Whether the key already named this run.
    public var existing: Bool
    /// Whether this process should execute the run: a new foreground run, or a never-started
    /// run whose reserving process is gone.
    public var shouldExecute: Bool
    /// Selected assets the plan left out, as notes for the operator (`RunPlan.Skip.note`).
    public var skipped: [String] = []
}
