import ArcoCore

extension StoreTransaction {
    /// Loads exported ledger rows into an empty store, checking the hash chain, and folds them,
    /// in this transaction: a broken chain, a bad row or a non-empty store leaves the store exactly
    /// as it was. Both stores' `importLedger` run this.
    /// - Parameter next: returns the next exported row, or `nil` at the end.
    /// - Returns: the number of rows imported.
    func importLedger(_ next: () throws -> LedgerRow?) throws -> Int64 {
        let existing = try reader.eventCount()
        guard existing == 0 else { throw StoreError.notEmpty(events: existing) }
        // Unqualified: the live tables on both stores (ProjectionSQL).
        for table in StoreMigrations.projectionTables { try session.execute("DELETE FROM \(table)") }
        try session.executeScript(StoreMigrations.dropStalenessCache)
        let writer = SQLProjectionWriter(session, buffered: true)
        var meta = ProjectionMeta.empty
        var verifier = LedgerHash.Verifier()
        var count: Int64 = 0
        while let row = try next() {
            if let broken = verifier.check(row) { throw StoreError.chainBroken(broken) }
            try insertVerbatim(row)
            let event: Event
            do throws(LedgerDecodingError) {
                event = try row.decoded()
            } catch {
                throw StoreError.invalidImport(error.description)
            }
            try Fold.apply(event, to: writer, meta: &meta)
            count += 1
            if count % Int64(Limits.importFlushEvents) == 0 { try writer.flush() }
        }
        try writer.flush()
        try writer.setMeta(meta)
        return count
    }
}
