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
        return try write { try $0.importLedger(next) }
    }
}
