import ArcoCore

extension WorkspaceStore {
    /// Records that the daemon leading under `token` is about to launch a worker for `runID`,
    /// unless a launch of it was recorded after `staleBefore`. Fenced like every daemon write, so
    /// a deposed leader records (and so launches) nothing.
    ///
    /// A recorded launch blocks others until it is stale: a worker needs a moment to claim its
    /// run, and a leader may crash between this row and the spawn, so a run still unclaimed
    /// well after its launch (the daemon passes two leases) is launched again.
    /// - Returns: whether the caller may launch now.
    public func recordLaunch(_ runID: RunID, token: Int64, at now: Timestamp, staleBefore: Timestamp) throws -> Bool {
        try write { transaction in
            let session = transaction.session
            let last = try session.value(
                "SELECT launched_at FROM daemon_launches WHERE run_id = ?", [runID.rawValue], as: String.self)
            if let last, ProjectionRowCoding.timestamp(last) > staleBefore { return false }
            try session.execute(
                """
                    INSERT INTO daemon_launches (run_id, token, launched_at) VALUES (?, ?, ?)
                    ON CONFLICT(run_id) DO UPDATE SET token = excluded.token, launched_at = excluded.launched_at
                    """,
                [runID.rawValue, token, now.iso8601])
            return true
        }
    }
}

extension StoreReader {
    /// The token of the daemon tenure that last recorded a launch of `runID`, if any.
    public func daemonLaunchToken(_ runID: RunID) throws -> Int64? {
        try session.value("SELECT token FROM daemon_launches WHERE run_id = ?", [runID.rawValue])
    }
}
