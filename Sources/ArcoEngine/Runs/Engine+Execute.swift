import ArcoCore
import ArcoStore

extension Engine {
    /// Claims and executes a run in this process, returning its final row.
    ///
    /// - Returns: nil when another process already claimed the run (the caller may wait for it).
    public func executeRun(
        _ runID: RunID, options: ExecutionOptions, progress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) async throws -> RunRow? {
        let store = try store()
        let (found, steps) = try mapStoreErrors {
            try store.read { reader -> (RunRow?, [StepRow]) in (try reader.run(runID), try reader.steps(of: runID)) }
        }
        guard let run = found else { throw OperatorError(.notFound, "no run '\(runID)'", hint: "list runs: `arco status`") }
        // Claimed elsewhere already; the claim itself is re-checked when it is recorded.
        guard run.executions == 0, run.status == .queued || run.status == .canceling else { return nil }
        let definitions: WorkspaceDefinitions
        do {
            definitions = try loadDefinitions()
        } catch {
            // Claim it anyway, so it does not stay queued forever because arco.yaml broke.
            guard try claimRun(runID) else { return nil }
            try record([EventDraft(RunCancelRequested(runID: runID, reason: "arco.yaml could not be loaded"))])
            throw error
        }
        let executor = try RunExecutor(
            engine: self, run: run, steps: steps, definitions: definitions, options: options, claim: true,
            progress: progress)
        do {
            try await executor.execute(orderedSteps: steps)
        } catch is RunExecutor.ClaimLost {
            return nil
        } catch {
            endBeats(runID)
            throw error
        }
        endBeats(runID)
        return try mapStoreErrors { try store.read { try $0.run(runID) } }
    }

    /// A run and its steps, failing lost runs first so the answer is current.
    public func runDetail(_ runID: RunID) throws -> (RunRow, [StepRow]) {
        try reapLostRuns()
        let store = try store()
        let found = try mapStoreErrors {
            try store.read { reader -> (RunRow, [StepRow])? in
                guard let run = try reader.run(runID) else { return nil }
                return (run, try reader.steps(of: runID))
            }
        }
        guard let found else {
            throw OperatorError(.notFound, "run '\(runID)' not found", hint: "list recent runs with `arco status`")
        }
        return found
    }

    /// The most recent runs, after failing lost ones.
    public func recentRuns(limit: Int, statuses: [RunStatus] = []) throws -> [RunRow] {
        try reapLostRuns()
        let store = try store()
        return try mapStoreErrors { try store.read { try $0.recentRuns(limit: limit, statuses: statuses) } }
    }

    /// Waits until a run ends (another process executes it), polling the store.
    public func waitForRun(_ runID: RunID, poll: Duration = .milliseconds(200)) async throws -> RunRow {
        while true {
            let (run, _) = try runDetail(runID)
            if run.status.isTerminal { return run }
            try await Task.sleep(for: poll)
        }
    }

    /// Records a cancel request; idempotent (a second request, or one for an ended run, changes
    /// nothing). A run nobody executes yet ends CANCELED at once; a running one within the
    /// executor's poll interval.
    /// - Returns: the run afterwards, and whether it had already ended before this request.
    @discardableResult
    public func cancelRun(_ runID: RunID, reason: String = "arco cancel") throws -> (run: RunRow, alreadyEnded: Bool) {
        let (run, _) = try runDetail(runID)
        if !run.status.isTerminal, !run.cancelRequested {
            try record([EventDraft(RunCancelRequested(runID: runID, reason: reason))])
        }
        return (try runDetail(runID).0, run.status.isTerminal)
    }
}
