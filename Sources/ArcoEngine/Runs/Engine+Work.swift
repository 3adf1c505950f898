import ArcoCore

/// What `Engine.work` reports as it goes, for a command to render.
public enum WorkerEvent: Sendable {
    /// A step of a run this worker executes moved on.
    case step(RunID, RunProgress)
    /// A run this worker executed ended, with its final status.
    case runEnded(RunID, RunStatus)
    /// A backfill this worker cannot drive (arco.yaml changed under it), reported the first time
    /// it is seen: the worker leaves it alone and executes other runs.
    case backfillBroken(BackfillID, OperatorError)
}

/// What `Engine.work` did before it returned.
public struct WorkerOutcome: Sendable {
    /// Runs this worker executed to the end.
    public var runsExecuted: Int
}

extension Engine {
    /// How long an idle worker waits before it looks at the queue again.
    public static let workerPollInterval: Duration = .seconds(1)

    /// The worker loop: claims queued runs (or only `only`) and executes up to `maxRuns` at once
    /// (see `workQueue`), pass after pass, looking at the queue again every
    /// `workerPollInterval`, until `stopReason` gives a reason. With `once`, or for one run, it
    /// returns after the first pass: what was queued has been executed.
    @discardableResult
    public func work(
        only: RunID? = nil, maxRuns: Int = 1, stepConcurrency: Int, once: Bool,
        stopReason: @escaping @Sendable () -> String? = { nil },
        progress: @escaping @Sendable (WorkerEvent) -> Void = { _ in }
    ) async throws -> WorkerOutcome {
        var outcome = WorkerOutcome(runsExecuted: 0)
        // A worker for the whole queue drives every open backfill: `backfill status` reads the
        // lock as "being driven" until this returns.
        let driving = only == nil ? DriverLock.hold(DriverLock.path(for: nil, in: workspace), in: workspace) : nil
        defer { withExtendedLifetime(driving) {} }
        // Each pass plans backfills afresh: one that cannot be driven is said once, not every pass.
        var reported = Set<BackfillID>()
        repeat {
            let pass = try await workQueue(
                only: only, maxRuns: maxRuns, stepConcurrency: stepConcurrency, stopReason: stopReason
            ) { progress(.step($0, $1)) }
            for (runID, status) in pass.executed { progress(.runEnded(runID, status)) }
            outcome.runsExecuted += pass.executed.count
            for (backfill, error) in pass.backfillErrors where reported.insert(backfill).inserted {
                progress(.backfillBroken(backfill, error))
            }
            if once || only != nil || stopReason() != nil { break }
            try? await Task.sleep(for: Self.workerPollInterval)
        } while stopReason() == nil
        return outcome
    }
}
