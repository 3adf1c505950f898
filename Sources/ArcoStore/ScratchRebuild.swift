import ArcoCore

/// What both stores' rebuilds share: folding the ledger into scratch tables (`SCRATCH.table`),
/// comparing them with the live tables, and replacing the live rows. How the scratch tables are
/// made and when the write lock is held is each store's own (an attached file on SQLite, a scratch
/// schema on PostgreSQL).
enum ScratchRebuild {
    /// The state carried between scratch batches.
    struct State {
        var verifier = LedgerHash.Verifier()
        var meta = ProjectionMeta.empty
        var folded: Int64 = 0
    }

    /// Folds up to `limit` ledger rows after the last folded one into the scratch tables,
    /// checking the chain; returns how many it folded.
    static func fold(_ session: any SQLSession, _ state: inout State, limit: Int?, scratch: String) throws -> Int {
        let writer = SQLProjectionWriter(session, schema: scratch, buffered: true)
        var count = 0
        let reader = StoreReader(session: session)
        let filter = EventFilter(afterSeq: state.verifier.expectedSeq - 1, limit: limit)
        try reader.forEachEvent(filter) { row in
            if let broken = state.verifier.check(row) { throw StoreError.chainBroken(broken) }
            let event: Event
            do throws(LedgerDecodingError) {
                event = try row.decoded()
            } catch {
                throw StoreError.undecodable(error)
            }
            try Fold.apply(event, to: writer, meta: &state.meta)
            count += 1
        }
        state.folded += Int64(count)
        try writer.flush()
        if count > 0 { try writer.setMeta(state.meta) }
        return count
    }

    /// Counts the rows each copy of every projection table has and the other lacks.
    ///
    /// The live tables are named unqualified (ProjectionSQL); `EXCEPT` and the aliased subquery
    /// read the same on SQLite and PostgreSQL.
    static func compareTables(_ session: any SQLSession, scratch: String) throws -> [TableDifference] {
        var differences = [TableDifference]()
        for table in StoreMigrations.projectionTables {
            let onlyLive = try session.value(
                "SELECT count(*) FROM (SELECT * FROM \(table) EXCEPT SELECT * FROM \(scratch).\(table)) AS d",
                as: Int64.self) ?? 0
            let onlyRebuilt = try session.value(
                "SELECT count(*) FROM (SELECT * FROM \(scratch).\(table) EXCEPT SELECT * FROM \(table)) AS d",
                as: Int64.self) ?? 0
            if onlyLive > 0 || onlyRebuilt > 0 {
                differences.append(TableDifference(table: table, onlyLive: onlyLive, onlyRebuilt: onlyRebuilt))
            }
        }
        return differences
    }

    /// Replaces the live projection tables' rows with the scratch ones.
    static func swapTables(_ session: any SQLSession, scratch: String) throws {
        for table in StoreMigrations.projectionTables {
            try session.execute("DELETE FROM \(table)")
            try session.execute("INSERT INTO \(table) SELECT * FROM \(scratch).\(table)")
        }
        // Cached verdicts were computed from the old projections (ADR 0012).
        try session.executeScript(StoreMigrations.dropStalenessCache)
    }
}
