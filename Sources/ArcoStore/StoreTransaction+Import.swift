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
        // PostgreSQL takes the rows a chunk at a time, inserted before their events are folded;
        // SQLite row by row (a statement costs it no round trip).
        let chunkSize = session.dialect == .postgres ? Limits.importChunkEvents : 1
        var chunk = [(LedgerRow, Event)]()
        chunk.reserveCapacity(chunkSize)
        func drain() throws {
            try insertVerbatim(chunk.map(\.0))
            for (_, event) in chunk {
                try Fold.apply(event, to: writer, meta: &meta)
                count += 1
                if count % Int64(Limits.importFlushEvents) == 0 { try writer.flush() }
            }
            chunk.removeAll(keepingCapacity: true)
        }
        while let row = try next() {
            if let broken = verifier.check(row) { throw StoreError.chainBroken(broken) }
            do throws(LedgerDecodingError) {
                chunk.append((row, try row.decoded()))
            } catch {
                throw StoreError.invalidImport(error.description)
            }
            if chunk.count >= chunkSize { try drain() }
        }
        try drain()
        try writer.flush()
        try writer.setMeta(meta)
        return count
    }

    /// Inserts exported rows as they are (import); the caller has verified their place in the
    /// chain.
    ///
    /// One row: by itself (`insertVerbatim(_ row:)`). Several, on PostgreSQL: as deferred
    /// inserts sent together inside a savepoint, so a chunk costs a few round trips instead of
    /// one per row; a chunk that repeats a unique value fails as a whole, is rolled back to the
    /// savepoint, and is inserted again row by row, which names the row.
    func insertVerbatim(_ rows: [LedgerRow]) throws {
        guard rows.count > 1 else {
            if let row = rows.first { try insertVerbatim(row) }
            return
        }
        try session.execute("SAVEPOINT arco_import")
        for row in rows { try session.executeDeferred(Self.insertNewSQL, Self.arguments(row)) }
        do {
            try session.execute("RELEASE SAVEPOINT arco_import")
        } catch let error as StoreError where error.isUniqueViolation {
            try session.execute("ROLLBACK TO SAVEPOINT arco_import")
            for row in rows { try insertVerbatim(row) }
        }
    }
}

