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
            guard try mayLaunch(run.runID, store) else { continue }
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

    /// For the daemon, a launch is a fenced write before it is a process: a deposed leader's
    /// launch is refused (`StoreError.fenced`), and a run launched by any tenure is not launched
    /// again until that launch is stale. Other callers launch without a record.
    private func mayLaunch(_ runID: RunID, _ store: any WorkspaceStore) throws -> Bool {
        guard let fence = environment.fence, let wait = environment.relaunchAfter else { return true }
        let now = environment.clock.now()
        let stale = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch - wait.microseconds)
        // No tenure: the write is refused by the fence, which is the answer wanted.
        let token = fence.current?.token ?? 0
        return try mapStoreErrors { try store.recordLaunch(runID, token: token, at: now, staleBefore: stale) }
    }
}
