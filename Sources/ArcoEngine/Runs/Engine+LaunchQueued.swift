import ArcoCore
import ArcoStore

extension Engine {
    /// Starts `arco worker --once --run RUN` for each queued run of one trigger kind that no
    /// process has claimed, oldest first, while fewer than `limit` such runs execute. A worker
    /// that loses the claim to another exits without running anything, so a spare launch is
    /// harmless; this one rule also launches runs a crash or `--no-launch` left queued.
    /// - Parameter wanted: which of the queued runs to launch (e.g. only the named schedules').
    func launchQueuedRuns(
        triggeredBy kind: RunTrigger.Kind, limit: Int, wanted: (RunRow) -> Bool = { _ in true },
        progress: (RunID) -> Void
    ) throws -> [RunID] {
        let store = try store()
        let (queued, inFlight) = try mapStoreErrors {
            try store.read { (try $0.unclaimedRuns(triggeredBy: kind, limit: limit), try $0.runsInFlight(triggeredBy: kind)) }
        }
        var launched: [RunID] = []
        for run in queued.filter(wanted).prefix(max(0, limit - inFlight)) {
            if let launcher = environment.workerLauncher {
                try launcher(run.runID)
            } else {
                try spawnWorker(for: run.runID)
            }
            progress(run.runID)
            launched.append(run.runID)
        }
        return launched
    }
}
