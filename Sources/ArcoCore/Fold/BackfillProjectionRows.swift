/// The status of one asset partition inside a backfill.
public enum BackfillPartitionStatus: String, Sendable, Hashable, CaseIterable {
    /// Planned, or not yet planned: no run requested for it (or its run's worker was lost).
    case pending = "PENDING"
    case queued = "QUEUED"
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case canceled = "CANCELED"

    /// Whether a run is requested and not ended.
    public var isActive: Bool { self == .queued || self == .running }

    /// The partition's status while its run is in `status`.
    public init(run status: RunStatus) {
        switch status {
        case .queued: self = .queued
        case .starting, .started, .canceling: self = .running
        case .success: self = .succeeded
        case .failure: self = .failed
        case .canceled: self = .canceled
        }
    }
}

/// A row of `backfills`.
public struct BackfillRow: Sendable, Hashable {
    public var backfillID: BackfillID
    public var status: BackfillState
    /// Raised by one with every state change.
    public var stateVersion: Int64
    public var requestKey: String
    /// SHA-256 of the request (selection, selector, only, chunk size, concurrency): a repeated
    /// idempotency key with another payload is a conflict.
    public var fingerprint: String
    public var selection: String
    /// The compact selector's JSON, canonical text.
    public var selector: String
    public var only: String?
    public var parentBackfillID: BackfillID?
    public var total: Int64
    public var chunkSize: Int64
    public var maxConcurrentRuns: Int64
    /// Chunks planned so far (the next chunk's index).
    public var plannedChunks: Int64 = 0
    /// Targets planned so far (the next target's position).
    public var planned: Int64 = 0
    public var queued: Int64 = 0
    public var running: Int64 = 0
    public var succeeded: Int64 = 0
    public var failed: Int64 = 0
    public var canceled: Int64 = 0
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var endedAt: Timestamp?
    public var reason: String?
    public var createdSeq: Int64

    /// Targets with no run requested yet (planned or not).
    public var pending: Int64 { total - queued - running - succeeded - failed - canceled }

    public init(
        backfillID: BackfillID, status: BackfillState, requestKey: String, fingerprint: String, selection: String,
        selector: String, only: String?, parentBackfillID: BackfillID?, total: Int64, chunkSize: Int64,
        maxConcurrentRuns: Int64, createdAt: Timestamp, createdSeq: Int64
    ) {
        self.backfillID = backfillID
        self.status = status
        self.stateVersion = 0
        self.requestKey = requestKey
        self.fingerprint = fingerprint
        self.selection = selection
        self.selector = selector
        self.only = only
        self.parentBackfillID = parentBackfillID
        self.total = total
        self.chunkSize = chunkSize
        self.maxConcurrentRuns = maxConcurrentRuns
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.createdSeq = createdSeq
    }

    /// Moves one target's count between statuses.
    mutating func move(from old: BackfillPartitionStatus, to new: BackfillPartitionStatus) {
        guard old != new else { return }
        adjust(old, by: -1)
        adjust(new, by: 1)
    }

    private mutating func adjust(_ status: BackfillPartitionStatus, by delta: Int64) {
        switch status {
        case .pending: break
        case .queued: queued += delta
        case .running: running += delta
        case .succeeded: succeeded += delta
        case .failed: failed += delta
        case .canceled: canceled += delta
        }
    }
}

/// A row of `backfill_partitions`: one planned target and the run that materializes it.
public struct BackfillPartitionRow: Sendable, Hashable {
    public var backfillID: BackfillID
    /// The target's place in planning order (dependency order, then partition order).
    public var position: Int64
    public var asset: String
    /// The display key; `nil` for an unpartitioned asset.
    public var partition: String?
    public var chunkIndex: Int64
    public var status: BackfillPartitionStatus
    public var runID: RunID?
    /// The attempt of `runID` (raised when a lost worker's run is requested again).
    public var attempt: Int64
    public var error: String?
    public var updatedAt: Timestamp

    public init(
        backfillID: BackfillID, position: Int64, asset: String, partition: String?, chunkIndex: Int64,
        status: BackfillPartitionStatus = .pending, runID: RunID? = nil, attempt: Int64 = 0, error: String? = nil,
        updatedAt: Timestamp
    ) {
        self.backfillID = backfillID
        self.position = position
        self.asset = asset
        self.partition = partition
        self.chunkIndex = chunkIndex
        self.status = status
        self.runID = runID
        self.attempt = attempt
        self.error = error
        self.updatedAt = updatedAt
    }
}
