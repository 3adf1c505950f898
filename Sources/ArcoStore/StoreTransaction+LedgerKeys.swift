import ArcoCore

extension StoreTransaction {
    /// Which of `keys` the ledger already holds, as UTF-8 bytes: keys compare byte by byte in
    /// the ledger's UNIQUE index, whereas Swift's `String` equality would merge canonically
    /// equivalent spellings (a precomposed and a decomposed "é") that the index keeps apart.
    ///
    /// Read once per batch under the append lock, so no writer can add a key between this read
    /// and the inserts. The lookups go in chunks whose size is rounded up to a few fixed lengths
    /// (padding repeats the last key), so the session sees a handful of statement texts.
    func ledgerKeys(among keys: [IdempotencyKey]) throws -> Set<[UInt8]> {
        var found = Set<[UInt8]>()
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + Self.keyLookupChunkMax, keys.count)]
            let size = Self.keyLookupSizes.first { $0 >= chunk.count } ?? Self.keyLookupChunkMax
            var arguments = SQLArguments(chunk.map { .text($0.rawValue) })
            while arguments.values.count < size { arguments.values.append(.text(chunk[chunk.endIndex - 1].rawValue)) }
            let sql = "SELECT idempotency_key FROM events WHERE idempotency_key IN (\(Array(repeating: "?", count: size).joined(separator: ", ")))"
            try session.forEachRow(sql, arguments) { row in
                let key: String = row[0]
                found.insert(Array(key.utf8))
            }
            start += chunk.count
        }
        return found
    }

    private static let keyLookupSizes = [1, 8, 64, 512]
    private static var keyLookupChunkMax: Int { keyLookupSizes[keyLookupSizes.count - 1] }
}
