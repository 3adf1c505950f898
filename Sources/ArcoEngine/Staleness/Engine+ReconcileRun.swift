import ArcoCore

/// What `Engine.reconcileRun` reports as it goes, for a command to render.
public enum ReconcileRunEvent: Sendable {
    /// A planned run was requested and this process is about to execute it.
    case executing(RunID, label: String)
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
    /// The runs started, in plan order; the last one stopped the rest when it failed.
    public var results: [ReconcileRunResult]
    /// Planned runs not started: after a failure, or beyond `maxRuns`.
    public var notStarted: Int

    /// Whether a run failed or was canceled.
    public var failed: Bool { results.last?.stopsPlan ?? false }
}

extension Engine {
    /// Requests the planned runs under their run keys and executes them here, one after another
    /// (upstream first), stopping at the first that fails or is canceled: what follows would read
    /// its output. A key that already names a run is not run again; one still queued or running
    /// elsewhere is waited for (and given a worker when queued). At most `maxRuns` are started.
    public func reconcileRun(
        plan: [ReconcileRun], maxRuns: Int? = nil, options: ExecutionOptions,
        progress: @escaping @Sendable (ReconcileRunEvent) -> Void = { _ in }
    ) async throws -> ReconcileRunOutcome {
        var outcome = ReconcileRunOutcome(results: [], notStarted: plan.count)
        for planned in plan.prefix(maxRuns ?? plan.count) {
            let result = try await reconcileOne(planned, options: options, progress: progress)
            outcome.results.append(result)
            outcome.notStarted -= 1
            progress(.ended(result))
            if result.stopsPlan { break }
        }
        return outcome
    }

    /// Requests one planned run and executes it, waits for it, or finds it ended.
    private func reconcileOne(
        _ planned: ReconcileRun, options: ExecutionOptions, progress: @escaping @Sendable (ReconcileRunEvent) -> Void
    ) async throws -> ReconcileRunResult {
        let reservation = try requestReconcileRun(planned, detached: false)
        let runID = reservation.runID
        let run = try runDetail(runID).0
        if reservation.shouldExecute {
            progress(.executing(runID, label: planned.label))
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
