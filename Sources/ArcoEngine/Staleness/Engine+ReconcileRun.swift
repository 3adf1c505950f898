import ArcoCore
import Synchronization

/// What `Engine.reconcileRun` reports as it goes, for a command to render.
public enum ReconcileRunEvent: Sendable {
    /// A planned run was requested and this process is about to execute it: the `number`th
    /// started of the `total` chosen.
    case executing(RunID, label: String, number: Int, total: Int)
    /// A step of the run executing here moved on.
    case step(RunID, RunProgress)
    /// This process stopped executing the run.
    case executed(RunID)
    /// The plan's run key already names a run still queued or running elsewhere: it is waited
    /// for, so the runs after it read its output.
    case waitingForExisting(runKey: String, run: RunRow)
    /// The plan's run key already names a run that ended: it is not run again.
    case existingEnded(runKey: String, run: RunRow)
    /// A planned run ended (or was found ended).
    case ended(ReconcileRunResult)
}

/// One planned run, as `reconcile run` left it.
public struct ReconcileRunResult: Sendable, Hashable {
    /// The plan's run key.
    public var runKey: String
    /// The run, as it ended.
    public var run: RunRow
    /// Whether the run key already named the run.
    public var existing: Bool

    /// Whether the run stops the rest of the plan.
    public var stopsPlan: Bool { run.status == .failure || run.status == .canceled }
}

/// What `Engine.reconcileRun` did.
public struct ReconcileRunOutcome: Sendable {
    /// The runs started, in plan order.
    public var results: [ReconcileRunResult]
    /// Planned runs not started: they read a run that failed (`blocked`), the process was
    /// interrupted, or they were beyond `maxRuns`.
    public var notStarted: Int
    /// The planned runs not started because a run they read (directly or not) failed or was
    /// canceled, in plan order.
    public var blocked: [ReconcileRun] = []

    /// Whether a run failed or was canceled.
    public var failed: Bool { results.contains(where: \.stopsPlan) }
}

extension Engine {
    /// Requests the planned runs under their run keys and executes them here, at most
    /// `maxConcurrentRuns` at once, each only once every planned run it reads has succeeded
    /// (`ReconcileRunGraph`): upstream strata first, independent runs side by side. A run that
    /// fails or is canceled stops only the runs that read it; the others go on. A key that
    /// already names a run is not run again; one still queued or running elsewhere is waited
    /// for (and given a worker when queued). At most `maxRuns` are started. SIGINT or SIGTERM
    /// (when `options.handlesSignals`) cancels the runs executing and starts no other.
    public func reconcileRun(
        plan: [ReconcileRun], maxRuns: Int? = nil, maxConcurrentRuns: Int = 1, options: ExecutionOptions,
        progress: @escaping @Sendable (ReconcileRunEvent) -> Void = { _ in }
    ) async throws -> ReconcileRunOutcome {
        let chosen = Array(plan.prefix(maxRuns ?? plan.count))
        var schedule = ReconcileSchedule(upstream: try reconcileGraph(chosen))
        let stop = StopSignal()
        let signals = options.handlesSignals ? InterruptHandlers { stop.set("interrupted (\($0))") } : nil
        defer { signals?.restore() }
        // Runs side by side must not each install and restore handlers: one set serves them all.
        let runOptions = ExecutionOptions(
            maxConcurrency: options.maxConcurrency, grace: options.grace, cancelPollInterval: options.cancelPollInterval,
            handlesSignals: false, stopReason: { stop.reason ?? options.stopReason() })
        var results = [Int: ReconcileRunResult]()
        try await withThrowingTaskGroup(of: (Int, ReconcileRunResult).self) { group in
            var started = 0
            func startReady() {
                while schedule.running < max(1, maxConcurrentRuns), runOptions.stopReason() == nil, let index = schedule.next() {
                    started += 1
                    let (number, planned) = (started, chosen[index])
                    group.addTask {
                        (index, try await self.reconcileOne(
                            planned, number: number, total: chosen.count, options: runOptions, progress: progress))
                    }
                }
            }
            startReady()
            while let (index, result) = try await group.next() {
                results[index] = result
                schedule.finish(index, succeeded: !result.stopsPlan)
                progress(.ended(result))
                startReady()
            }
        }
        let ordered = results.keys.sorted().compactMap { results[$0] }
        return ReconcileRunOutcome(
            results: ordered, notStarted: plan.count - ordered.count, blocked: schedule.blocked.map { chosen[$0] })
    }

    /// Which chosen runs read which, through the workspace's mappings now.
    func reconcileGraph(_ chosen: [ReconcileRun]) throws -> [[Int]] {
        let definitions = try loadDefinitions()
        let now = environment.clock.now()
        var sets = [AssetKey: PartitionSet]()
        for asset in Set(chosen.flatMap(\.assets) + chosen.flatMap(\.assets).flatMap { definitions.asset($0)?.dependencies.map(\.asset) ?? [] }) {
            if let name = definitions.asset(asset)?.partitions { sets[asset] = try partitionSet(name.rawValue, in: definitions, now: now) }
        }
        return ReconcileRunGraph.upstream(of: chosen, definitions: definitions, sets: sets, now: now)
    }

    /// Requests one planned run and executes it, waits for it, or finds it ended.
    private func reconcileOne(
        _ planned: ReconcileRun, number: Int, total: Int, options: ExecutionOptions,
        progress: @escaping @Sendable (ReconcileRunEvent) -> Void
    ) async throws -> ReconcileRunResult {
        let reservation = try requestReconcileRun(planned, detached: false)
        let runID = reservation.runID
        let run = try runDetail(runID).0
        if reservation.shouldExecute {
            progress(.executing(runID, label: planned.label, number: number, total: total))
            _ = try await executeRun(runID, options: options) { progress(.step(runID, $0)) }
            progress(.executed(runID))
        } else if !run.status.isTerminal {
            // Queued or running elsewhere: wait for it, so what follows reads its output.
            progress(.waitingForExisting(runKey: planned.runKey, run: run))
            if run.status == .queued { try spawnWorker(for: runID) }
            _ = try await waitForRun(runID)
        } else {
            progress(.existingEnded(runKey: planned.runKey, run: run))
        }
        return ReconcileRunResult(runKey: planned.runKey, run: try runDetail(runID).0, existing: reservation.existing)
    }
}

/// The first reason given to stop, shared by the runs of one `reconcileRun`.
final class StopSignal: Sendable {
    private let value = Mutex<String?>(nil)

    var reason: String? { value.withLock { $0 } }

    func set(_ reason: String) { value.withLock { $0 = $0 ?? reason } }
}
