import ArcoCore
import ArcoStore

extension Engine {
    /// Claims a run for this process by recording `RunStarted` with its pid and host, if the run
    /// is still unclaimed. The read and the append share one write transaction, so two workers
    /// (or a worker and a duplicate request) never both claim it.
    /// - Returns: whether this process now owns the run.
    public func claimRun(_ runID: RunID) throws -> Bool {
        let store = try store()
        let now = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction in
                guard let run = try transaction.reader.run(runID), run.executions == 0,
                    run.status == .queued || run.status == .canceling
                else { return false }
                let started = RunStarted(runID: runID, number: 1, pid: ProcessIdentity.pid, host: ProcessIdentity.host)
                let result = try transaction.append([(EventDraft(started), environment.ids.makeEventID(at: now))], recordedAt: now)
                return result.outcomes.first == .applied
            }
        }
    }

    /// Claims a run and records `drafts` (its first steps' starts) in the same transaction.
    /// - Returns: the append's result, or nil when the run is no longer unclaimed.
    func claimRun(_ runID: RunID, recording drafts: [EventDraft]) throws -> AppendResult? {
        let store = try store()
        let now = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction -> AppendResult? in
                guard let run = try transaction.reader.run(runID), run.executions == 0,
                    run.status == .queued || run.status == .canceling
                else { return nil }
                let started = RunStarted(runID: runID, number: 1, pid: ProcessIdentity.pid, host: ProcessIdentity.host)
                let all = [EventDraft(started)] + drafts
                let result = try transaction.append(
                    all.map { ($0, environment.ids.makeEventID(at: now)) }, recordedAt: now)
                return result.outcomes.first == .applied ? result : nil
            }
        }
    }

    /// Fails runs whose executing process is gone: on this host, a pid that is no longer alive;
    /// on another host (a shared store), no heartbeat for `heartbeatTimeoutSeconds`. Called by
    /// every command that reads runs, and by the worker loop.
    ///
    /// Also cancels runs a foreground `arco run` reserved without a run key and died before
    /// starting: the user saw that command fail and may request again, so a worker must not
    /// execute the orphan behind their back. A keyed run stays queued, because repeating the
    /// request with its key is how it is finished (ADR 0009).
    /// - Returns: the runs marked lost.
    @discardableResult
    public func reapLostRuns() throws -> [RunID] {
        let store = try store()
        let (executing, unstarted) = try mapStoreErrors {
            try store.read { (try $0.executingRuns(), try $0.unstartedForegroundRuns()) }
        }
        var abandoned = [EventDraft]()
        for run in unstarted where Self.isAbandoned(run) {
            let reason = "process \(run.pid ?? 0) that requested the run exited before starting it"
            abandoned.append(EventDraft(RunCancelRequested(runID: run.runID, reason: reason)))
        }
        if !abandoned.isEmpty { _ = try record(abandoned) }
        var lost = [EventDraft]()
        for run in executing {
            let reason: String
            if run.host == ProcessIdentity.host {
                guard let pid = run.pid, pid != ProcessIdentity.pid, !ProcessIdentity.isAlive(pid) else { continue }
                reason = "worker process \(pid) exited without finishing the run"
            } else {
                // Another host's pids mean nothing here: judge by heartbeat age instead.
                guard let stale = staleHeartbeat(run) else { continue }
                reason = stale
            }
            lost.append(EventDraft(RunWorkerLost(runID: run.runID, number: run.executions, reason: reason)))
        }
        guard !lost.isEmpty else { return [] }
        for draft in lost {
            guard case .runWorkerLost(let body) = draft.payload else { continue }
            let steps = try mapStoreErrors { try store.read { try $0.steps(of: body.runID) } }
            for step in steps where step.status == .running {
                OrphanedSteps.kill(
                    run: body.runID,
                    pidPath: workspace.logsFolder + "/" + LogPath.pid(run: body.runID, step: step.stepKey, attempt: step.attempt))
            }
        }
        let result = try record(lost)
        return zip(lost, result.outcomes).compactMap { draft, outcome in
            guard outcome == .applied, case .runWorkerLost(let body) = draft.payload else { return nil }
            endBeats(body.runID)
            return body.runID
        }
    }
}
