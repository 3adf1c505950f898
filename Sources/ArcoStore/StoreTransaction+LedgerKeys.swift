import ArcoCore

extension StoreTransaction {
    /// Which of `keys` the ledger already holds, as UTF-8 bytes: keys compare byte by byte in
    /// the ledger's UNIQUE index, whereas Swift's `String` equality would merge canonically
    /// equivalent spellings (a precomposed and a decomposed "é") that the index keeps apart.
    ///
    /// Read once per batch under the append lock, so no writer can add a key between this read
    /// and the inserts.
    func ledgerKeys(among keys: [IdempotencyKey]) throws -> Set<[UInt8]> {
        var found = Set<[UInt8]>()
        try SQLInList.forEachChunk(keys.map { .text($0.rawValue) }) { list, arguments in
            try session.forEachRow("SELECT idempotency_key FROM events WHERE idempotency_key IN \(list)", arguments) { row in
                let key: String = row[0]
                found.insert(Array(key.utf8))
            }
        }
        return found
    }
}
