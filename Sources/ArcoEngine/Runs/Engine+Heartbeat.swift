import ArcoCore
import ArcoStore
import Foundation

extension Engine {
    /// How often an executing process writes its heartbeat: every 5 s, or four times per
    /// timeout when `ARCO_HEARTBEAT_TIMEOUT_MS` makes it shorter than 20 s, so a judge never sees
    /// fewer than three missed beats before it declares a live run lost.
    var heartbeatInterval: Duration { min(.seconds(5), environment.heartbeatTimeout / 4) }

    /// `.arco/heartbeats/{run}`: the last time the executing process said it was alive. A file
    /// beside a SQLite store, not an event: liveness is not state, and a beat every few seconds
    /// would fill the ledger. A PostgreSQL store keeps them as rows (`HeartbeatStore`).
    func heartbeatPath(_ runID: RunID) -> String {
        workspace.stateFolder + "/heartbeats/" + LogPath.component(runID.rawValue)
    }

    /// Records that this process is alive and executing `runID`: a row in a store shared between
    /// hosts, a file beside a SQLite store. A beat that cannot be written is skipped; the next
    /// one, five seconds later, tries again, and only a minute of silence counts as lost.
    public func beat(_ runID: RunID) {
        if let board = sharedHeartbeats() {
            try? board.recordHeartbeat(runID, host: ProcessIdentity.host, pid: ProcessIdentity.pid, at: environment.clock.now())
            return
        }
        let path = heartbeatPath(runID)
        if !SmallFiles.replace(path, with: environment.clock.now().iso8601) {
            try? StateFiles.makeFolders(workspace.stateFolder + "/heartbeats", below: workspace.stateFolder)
            SmallFiles.replace(path, with: environment.clock.now().iso8601)
        }
    }

    /// Removes a run's heartbeat once nothing executes it any more, so the heartbeats held are
    /// the runs in flight rather than one per run ever executed.
    func endBeats(_ runID: RunID) {
        if let board = sharedHeartbeats() {
            try? board.removeHeartbeat(runID)
            return
        }
        unlink(heartbeatPath(runID))
    }

    /// The last heartbeat of a run, if one was written.
    func lastBeat(_ runID: RunID) -> Timestamp? {
        if let board = sharedHeartbeats() { return try? board.lastHeartbeat(runID) }
        guard let text = try? String(contentsOfFile: heartbeatPath(runID), encoding: .utf8) else { return nil }
        return Timestamp(iso8601: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The store's heartbeat rows when hosts share it; nil for files (or a store that cannot be
    /// opened, whose callers fail on their own next step).
    func sharedHeartbeats() -> (any HeartbeatStore)? {
        guard case .postgres = environment.store else { return nil }
        return (try? store())?.heartbeats
    }

    /// Why a run claimed on another host counts as lost, or nil while its heartbeat is fresh.
    ///
    /// A run that started less than a timeout ago cannot be stale whatever its beats say, so it
    /// costs no lookup: a worker pass judges every run in flight on other hosts, and most of
    /// them are young. The others' beats come from `beats`, read once per pass.
    func staleHeartbeat(_ run: RunRow, beats: HeartbeatSnapshot) -> String? {
        let started = run.startedAt ?? run.requestedAt
        let now = environment.clock.now().microsecondsSinceEpoch
        let timeout = environment.heartbeatTimeout.components
        let timeoutMicroseconds = timeout.seconds * 1_000_000 + timeout.attoseconds / 1_000_000_000_000
        guard now - started.microsecondsSinceEpoch > timeoutMicroseconds else { return nil }
        // A beat older than the start belongs to an earlier execution of the run.
        let last = max(beats.last(run.runID).map(\.microsecondsSinceEpoch) ?? 0, started.microsecondsSinceEpoch)
        guard now - last > timeoutMicroseconds else { return nil }
        let silent = (now - last) / 1_000_000
        return "worker process \(run.pid.map(String.init) ?? "?") on host \(run.host ?? "?") sent no heartbeat for \(silent) s"
    }

    /// The heartbeats a pass judges runs by, read on first need: every row of a shared store in
    /// one query, or each run's file.
    func heartbeatSnapshot() -> HeartbeatSnapshot {
        HeartbeatSnapshot(shared: sharedHeartbeats()) { [self] in lastBeat($0) }
    }
}
