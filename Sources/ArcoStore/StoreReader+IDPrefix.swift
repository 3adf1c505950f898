import ArcoCore

extension StoreReader {
    /// Run ids that start with `prefix`, in id order, at most `limit`: a range seek on the
    /// primary key (`LIKE` would read `_` in `run_…` as a wildcard).
    public func runIDs(startingWith prefix: String, limit: Int) throws -> [RunID] {
        try ids(in: "runs", column: "run_id", startingWith: prefix, limit: limit).map(RunID.init)
    }

    /// Backfill ids that start with `prefix`, in id order, at most `limit`.
    public func backfillIDs(startingWith prefix: String, limit: Int) throws -> [BackfillID] {
        try ids(in: "backfills", column: "backfill_id", startingWith: prefix, limit: limit).map(BackfillID.init)
    }

    private func ids(in table: String, column: String, startingWith prefix: String, limit: Int) throws -> [String] {
        // Every id that starts with the prefix sorts at or after it and before the prefix
        // followed by the largest code point (ids are ASCII; SQLite compares text bytewise).
        // postgres: compare under `COLLATE "C"` (bytewise), or the range follows the database's locale.
        try session.column(
            "SELECT \(column) FROM \(table) WHERE \(column) >= ? AND \(column) < ? ORDER BY \(column) LIMIT ?",
            [prefix, prefix + "\u{10FFFF}", limit])
    }
}
