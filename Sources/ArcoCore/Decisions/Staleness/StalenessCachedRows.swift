/// A cached entry's rows as a step starts from them: the encoding, and the records read from it
/// without building the rows' text (`StalenessRowCoding.records`).
public struct StalenessCachedRows: Sendable {
    /// The encoded rows (`StalenessRowCoding`), spliced by a refresh.
    public var bytes: [UInt8]
    /// Each row's position, reason and `since`, which a restore or a refresh needs.
    public var records: [StalenessRowCoding.Record]

    /// The rows of `bytes`, for an asset of `keyCount` partitions; nil when they do not decode.
    public init?(_ bytes: [UInt8], keyCount: Int) {
        guard let records = StalenessRowCoding.records(bytes, keyCount: keyCount) else { return nil }
        self.bytes = bytes
        self.records = records
    }
}
