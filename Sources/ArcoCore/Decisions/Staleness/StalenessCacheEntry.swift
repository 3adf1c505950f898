/// One asset's verdicts as the cache keeps them (ADR 0012): the non-fresh rows without
/// freshness, their counts, and the fingerprint of what they were computed from.
public struct StalenessCacheEntry: Sendable, Hashable {
    /// The asset.
    public var asset: AssetKey
    /// `StalenessFingerprints` of the inputs the rows were computed from.
    public var fingerprint: String
    /// How many rows have each reason (indexed by `StaleReason.precedence`), then how many
    /// partitions are fresh: a page and its summary read these without decoding rows.
    public var counts: [Int]
    /// The non-fresh rows, `StalenessRowCoding`.
    public var rows: [UInt8]
    /// `StalenessFingerprints.structures` of the inputs: while it matches, the rows can be
    /// refreshed at the partitions materialized since `asOf` (`StalenessRefresh`).
    public var structure: String
    /// The ledger position the rows are current at.
    public var asOf: Int64
    /// The keys the rows cover; nil for an entry that cannot be refreshed (no `structure`).
    public var keys: KeysStamp?

    /// The number of counts: one per reason, then the fresh partitions.
    public static let countSlots = StaleReason.allCases.count + 1

    /// Creates an entry.
    public init(
        asset: AssetKey, fingerprint: String, counts: [Int], rows: [UInt8], structure: String = "", asOf: Int64 = 0,
        keys: KeysStamp? = nil
    ) {
        self.asset = asset
        self.fingerprint = fingerprint
        self.counts = counts
        self.rows = rows
        self.structure = structure
        self.asOf = asOf
        self.keys = keys
    }

    /// An entry for freshly evaluated rows: `rows` are the non-fresh ones, of `total` partitions.
    public init(
        asset: AssetKey, fingerprint: String, rows: [StalenessRow], total: Int, structure: String = "", asOf: Int64 = 0,
        keys: KeysStamp? = nil
    ) {
        self.init(
            asset: asset, fingerprint: fingerprint, counts: Self.counts(of: rows, total: total),
            rows: StalenessRowCoding.encode(rows), structure: structure, asOf: asOf, keys: keys)
    }

    /// The counts of `rows`, the non-fresh rows of `total` partitions.
    public static func counts(of rows: [StalenessRow], total: Int) -> [Int] {
        counts(of: rows.compactMap(\.reason), total: total)
    }

    /// The counts of the non-fresh rows' `reasons`, of `total` partitions.
    public static func counts(of reasons: some Collection<StaleReason>, total: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: countSlots)
        for reason in reasons { counts[reason.precedence] += 1 }
        counts[countSlots - 1] = total - reasons.count
        return counts
    }
}
