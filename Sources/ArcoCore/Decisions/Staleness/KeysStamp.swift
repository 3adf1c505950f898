/// The number and digest of an asset's partition keys, in order, as a cached entry covers them
/// (ADR 0012). A refresh needs to know whether today's keys only append to those: then the
/// entry's positions still name the same partitions, and only the positions past `count` are new.
public struct KeysStamp: Sendable, Hashable {
    /// How many keys.
    public var count: Int
    /// Lowercase hex SHA-256 of the keys joined by newlines (the unpartitioned key as `""`).
    /// Partition keys never contain a newline (`PartitionKeyRules`), so the join is unambiguous.
    public var digest: String

    /// Creates a stamp from its parts, as the cache stores them.
    public init(count: Int, digest: String) {
        self.count = count
        self.digest = digest
    }

    /// The stamp of `keys`.
    public init(keys: some Collection<String?>) {
        self.init(count: keys.count, digest: SHA256Hex.digest(keys.map { $0 ?? "" }.joined(separator: "\n")))
    }

    /// Whether the first `count` of `keys` are the keys stamped: `keys` then only appended to them.
    public func isPrefix(of keys: [String?]) -> Bool {
        count <= keys.count && KeysStamp(keys: keys.prefix(count)) == self
    }
}
