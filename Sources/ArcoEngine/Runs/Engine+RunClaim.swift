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
    /// on another host (a shared store), no heartbeat for `heartbeatTimeout` (60 s unless `ARCO_HEARTBEAT_TIMEOUT_MS`). Called by
    /// every command that reads runs, and by the worker loop.
    ///
    /// Also cancels runs a foreground `arco run` reserved without a run key and died before
    /// starting: the user saw that command fail and may request again, so a worker must not
    /// execute the orphan behind their back. A keyed run stays queued, because repeating the
    /// request with its key is how it is finished (ADR 0009).
    ///
    /// A read picks the suspects without taking the write lock (most calls find none). Each one
    /// is then judged again inside the write transaction that records its loss: a worker commits
    /// its run's end before it exits, so a run still unended under the lock whose process is gone
    /// was abandoned, and a run that ended meanwhile is left alone (ADR 0009, "reaping").
    /// - Returns: the runs marked lost.
    @discardableResult
    public func reapLostRuns() throws -> [RunID] {
        let store = try store()
        let (executing, unstarted) = try mapStoreErrors {
            try store.read { (try $0.executingRuns(), try $0.unstartedForegroundRuns()) }
        }
        let abandoned = unstarted.filter(Self.isAbandoned)
        let beats = heartbeatSnapshot()
        let suspects = executing.filter { lossReason($0, beats: beats) != nil }
        guard !abandoned.isEmpty || !suspects.isEmpty else { return [] }
        let now = environment.clock.now()
        let lost = try mapStoreErrors {
            try store.write { transaction -> [RunID] in
                let drafts = try judgeUnderLock(abandoned: abandoned, suspects: suspects, transaction.reader)
                guard !drafts.isEmpty else { return [] }
                let result = try transaction.append(
                    drafts.map { ($0, environment.ids.makeEventID(at: now)) }, recordedAt: now)
                return zip(drafts, result.outcomes).compactMap { draft, outcome in
                    guard outcome == .applied, case .runWorkerLost(let body) = draft.payload else { return nil }
                    return body.runID
                }
            }
        }
        for runID in lost { endBeats(runID) }
        return lost
    }

    /// The events that end abandoned and lost runs, decided from the runs as they are under the
    /// write lock. Steps a lost worker left running are killed here, before
    /// the loss is recorded: the worker is gone, so killing them again on a retried transaction
    /// changes nothing.
    private func judgeUnderLock(abandoned: [RunRow], suspects: [RunRow], _ reader: StoreReader) throws
        -> [EventDraft]
    {
        var drafts = [EventDraft]()
        // Read again under the lock: a beat written since the first look acquits its run.
        let beats = heartbeatSnapshot()
        for seen in abandoned {
            guard let run = try reader.run(seen.runID), Self.isAbandoned(run) else { continue }
            let reason = "process \(run.pid ?? 0) that requested the run exited before starting it"
            drafts.append(EventDraft(RunCancelRequested(runID: run.runID, reason: reason)))
        }
        for seen in suspects {
            // The same execution, still unended: another claim or the run's end would change it.
            guard let run = try reader.run(seen.runID), !run.status.isTerminal, run.executions == seen.executions,
                run.pid == seen.pid, run.host == seen.host, let reason = lossReason(run, beats: beats)
            else { continue }
            for step in try reader.steps(of: run.runID) where step.status == .running {
                OrphanedSteps.kill(
                    run: run.runID,
                    pidPath: workspace.logsFolder + "/" + LogPath.pid(run: run.runID, step: step.stepKey, attempt: step.attempt))
            }
            drafts.append(EventDraft(RunWorkerLost(runID: run.runID, number: run.executions, reason: reason)))
        }
        return drafts
    }

    /// Why an executing run counts as lost, or nil while its process may still finish it.
    private func lossReason(_ run: RunRow, beats: HeartbeatSnapshot) -> String? {
        guard run.host == ProcessIdentity.host else {
            // Another host's pids mean nothing here: judge by heartbeat age instead.
            return staleHeartbeat(run, beats: beats)
        }
        guard let pid = run.pid, pid != ProcessIdentity.pid, !ProcessIdentity.isAlive(pid) else { return nil }
        return "worker process \(pid) exited without finishing the run"
    }
}
