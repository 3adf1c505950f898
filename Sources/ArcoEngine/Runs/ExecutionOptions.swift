import ArcoCore

/// How a run is executed.
public struct ExecutionOptions: Sendable {
    /// Steps running at once.
    public var maxConcurrency: Int
    /// Time between SIGTERM and SIGKILL when a step times out or the run is canceled.
    public var grace: Duration
    /// How often the store is checked for `arco cancel` from another process.
    public var cancelPollInterval: Duration
    /// Whether SIGINT/SIGTERM cancel this run; a worker executing several runs handles
    /// signals itself and cancels them through the store instead.
    public var handlesSignals: Bool
    /// Polled with the cancel check: a reason once the process executing the run is told to
    /// stop (a worker's SIGTERM), so every run it executes, even one claimed in that instant,
    /// is canceled with the reason.
    public var stopReason: @Sendable () -> String?

    /// Creates options.
    public init(
        maxConcurrency: Int, grace: Duration = .seconds(5), cancelPollInterval: Duration = .milliseconds(250),
        handlesSignals: Bool = true, stopReason: @escaping @Sendable () -> String? = { nil }
    ) {
        self.maxConcurrency = max(1, maxConcurrency)
        self.grace = grace
        self.cancelPollInterval = cancelPollInterval
        self.handlesSignals = handlesSignals
        self.stopReason = stopReason
    }
}

/// What the executor reports as it goes, for progress displays.
public enum RunProgress: Sendable {
    /// An attempt of a step began.
    case stepStarted(step: StepRow, attempt: Int64)
    /// An attempt ended; `status` is the step's status afterwards (`RETRY_WAIT` when it will retry).
    case stepEnded(step: StepRow, attempt: Int64, status: StepStatus, seconds: Double, reason: String?)
    /// Something about an attempt the operator should know though it changes no status, such as
    /// a step report cut at `Limits.stepReportBytesMax` (the cut is also in its metadata).
    case stepWarning(step: StepRow, attempt: Int64, message: String)
    /// A step that will never start: `SKIPPED` below a failure, `CANCELED` by a cancel.
    case stepAbandoned(step: StepRow, status: StepStatus, reason: String)
    /// The run is being canceled.
    case canceling(reason: String)
    /// The requested step concurrency was lowered to what the open-file limit allows.
    case concurrencyCapped(requested: Int, allowed: Int, descriptorLimit: Int)
    /// Another process has held the store's write lock this long; the run's steps keep running
    /// and its write is tried again until it goes through.
    case storeBusy(waitedMilliseconds: Int)
    /// The disk holding the store has been full this long; the run's pending write (a step's
    /// real outcome among them) is kept and tried again until space returns
    /// (docs/adr/0016-full-disk.md).
    case diskFull(waitedMilliseconds: Int, stateFolder: String)
    /// The PostgreSQL server has been unreachable this long (or dropped the connection); the
    /// run's pending write is kept and tried again, on a new connection, until the server is back.
    case storeUnreachable(waitedMilliseconds: Int, reason: String)
}
