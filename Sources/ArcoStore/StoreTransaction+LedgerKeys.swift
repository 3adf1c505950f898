import ArcoCore

extension StoreTransaction {
    /// Which of `keys` the ledger already holds, as UTF-8 bytes: keys compare byte by byte in
    /// the ledger's UNIQUE index, whereas Swift's `String` equality would merge canonically
    /// equivalent spellings (a precomposed and a decomposed "é") that the index keeps apart.
    ///
    /// A single event's one key is read by the append's head statement instead
    /// (`appendHead`). Read once per batch under the append lock, so no writer can add a key between this read
    /// and the inserts. PostgreSQL only: the keys go as one bound JSON array, which the server
    /// unpacks (`jsonb_array_elements_text`), rather than as an IN list of one placeholder each,
    /// which took the server four times as long to plan for a batch of 1,000.
    func ledgerKeys(among keys: [IdempotencyKey]) throws -> Set<[UInt8]> {
        var found = Set<[UInt8]>()
        guard !keys.isEmpty else { return found }
        let list = CanonicalJSON.encode(.array(keys.map { .string($0.rawValue) }))
        let sql = "SELECT idempotency_key FROM events WHERE idempotency_key IN (SELECT jsonb_array_elements_text(?::jsonb))"
        try session.forEachRow(sql, [list]) { row in
            let key: String = row[0]
            found.insert(Array(key.utf8))
        }
        return found
    }
}
