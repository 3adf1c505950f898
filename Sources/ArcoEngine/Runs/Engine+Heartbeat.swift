import ArcoCore
import Foundation

extension Engine {
    /// How often an executing process writes its heartbeat.
    static let heartbeatInterval = Duration.seconds(5)

    /// `.arco/heartbeats/{run}`: the last time the executing process said it was alive. A file
    /// beside the store, not an event: liveness is not state, and a beat every few seconds
    /// would fill the ledger. A store shared between hosts shares this folder too.
    func heartbeatPath(_ runID: RunID) -> String {
        workspace.stateFolder + "/heartbeats/" + LogPath.component(runID.rawValue)
    }

    /// Records that this process is alive and executing `runID`.
    public func beat(_ runID: RunID) {
        let path = heartbeatPath(runID)
        if !SmallFiles.replace(path, with: environment.clock.now().iso8601) {
            try? StateFiles.makeFolders(workspace.stateFolder + "/heartbeats", below: workspace.stateFolder)
            SmallFiles.replace(path, with: environment.clock.now().iso8601)
        }
    }

    /// Removes a run's heartbeat once nothing executes it any more, so `.arco/heartbeats`
    /// holds the runs in flight rather than one file per run ever executed.
    func endBeats(_ runID: RunID) {
        unlink(heartbeatPath(runID))
    }

    /// The last heartbeat of a run, if one was written.
    func lastBeat(_ runID: RunID) -> Timestamp? {
        guard let text = try? String(contentsOfFile: heartbeatPath(runID), encoding: .utf8) else { return nil }
        return Timestamp(iso8601: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Why a run claimed on another host counts as lost, or nil while its heartbeat is fresh.
    func staleHeartbeat(_ run: RunRow) -> String? {
        let last = lastBeat(run.runID) ?? run.startedAt ?? run.requestedAt
        let silent = (environment.clock.now().microsecondsSinceEpoch - last.microsecondsSinceEpoch) / 1_000_000
        guard silent > Limits.heartbeatTimeoutSeconds else { return nil }
        return "worker process \(run.pid.map(String.init) ?? "?") on host \(run.host ?? "?") sent no heartbeat for \(silent) s"
    }
}
