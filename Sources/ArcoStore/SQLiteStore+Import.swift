import ArcoCore

extension SQLiteStore {
    /// Loads exported ledger rows into an empty store, checking the hash chain, and folds them.
    ///
    /// Everything happens in one transaction: a broken chain, a bad row or a non-empty store
    /// leaves the store exactly as it was.
    /// - Parameter next: returns the next exported row, or `nil` at the end.
    /// - Returns: the number of rows imported.
    public func importLedger(_ next: () throws -> LedgerRow?) throws -> Int64 {
        // Start from an empty `-wal`: if the import then fails on a full disk, the log holds only
        // its rolled-back pages, and truncating it needs no room to copy anything first.
        releaseWriteAheadLogSpace()
        return try write { transaction in
            let session = transaction.session
            let existing = try transaction.reader.eventCount()
            guard existing == 0 else { throw StoreError.notEmpty(events: existing) }
            // postgres: the tables live in the connection's schema there, with no `main.` prefix (also in
            // `dropStalenessCache`).
            for table in StoreMigrations.projectionTables { try session.execute("DELETE FROM main.\(table)") }
            try session.executeScript(StoreMigrations.dropStalenessCache)
            let writer = SQLProjectionWriter(session, buffered: true)
            var meta = ProjectionMeta.empty
            var verifier = LedgerHash.Verifier()
            var count: Int64 = 0
            while let row = try next() {
                if let broken = verifier.check(row) { throw StoreError.chainBroken(broken) }
                try transaction.insertVerbatim(row)
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
}
