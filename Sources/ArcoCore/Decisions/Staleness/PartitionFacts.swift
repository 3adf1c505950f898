/// What the projections know about one materialized asset partition, as staleness needs it.
public struct PartitionFacts: Sendable, Hashable {
    /// The data version of the last materialization.
    public var dataVersion: String
    /// The code version recorded with it.
    public var codeVersion: String?
    /// When it was recorded.
    public var materializedAt: Timestamp
    /// When `dataVersion` first appeared (`partition_status.data_version_since`).
    public var dataVersionSince: Timestamp?
    /// The upstream versions it consumed, as the fold stored them.
    public var consumed: ConsumedVersions

    /// Creates facts.
    public init(
        dataVersion: String, codeVersion: String?, materializedAt: Timestamp, dataVersionSince: Timestamp?,
        consumed: ConsumedVersions
    ) {
        self.dataVersion = dataVersion
        self.codeVersion = codeVersion
        self.materializedAt = materializedAt
        self.dataVersionSince = dataVersionSince
        self.consumed = consumed
    }
}

/// A materialization's consumed versions, kept as the canonical JSON the fold stored.
///
/// A report checks hundreds of thousands of them, nearly all unchanged: whether an entry with the
/// current version is present is answered by looking for its canonical encoding in the text (exact,
/// since canonical JSON writes an object one way only and escapes quotes inside strings); the text
/// is parsed only when that fails and the consumed version must be shown.
public struct ConsumedVersions: Sendable, Hashable {
    let bytes: [UInt8]

    /// Wraps the stored `consumed` JSON array.
    public init(json: String) { bytes = Array(json.utf8) }

    /// Wraps a list, encoded as the fold encodes it.
    public init(_ versions: [ConsumedVersion]) {
        self.init(json: CanonicalJSON.encode(.array(versions.map { $0.json() })))
    }

    /// Whether `asset`'s `partition` was consumed at exactly `dataVersion`.
    public func contains(asset: AssetKey, partition: String?, dataVersion: String) -> Bool {
        var scratch: [UInt8] = []
        return contains(Self.entryPrefix(asset), partition: partition, dataVersion: dataVersion, scratch: &scratch)
    }

    /// The canonical start of an entry for `asset`, up to its data version: computed once per
    /// dependency rather than once per partition.
    static func entryPrefix(_ asset: AssetKey) -> [UInt8] {
        var prefix = Array(#"{"asset":"#.utf8)
        CanonicalJSON.writeString(asset.rawValue, to: &prefix)
        prefix += Array(#","data_version":"#.utf8)
        return prefix
    }

    /// `contains` with the entry's prefix and a reusable buffer: the canonical encoding of
    /// `ConsumedVersion.json()`, keys in byte order (`asset`, `data_version`, `partition`).
    func contains(_ prefix: [UInt8], partition: String?, dataVersion: String, scratch: inout [UInt8]) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        scratch += prefix
        CanonicalJSON.writeString(dataVersion, to: &scratch)
        scratch += Self.partitionField
        if let partition { CanonicalJSON.writeString(partition, to: &scratch) } else { scratch += Self.null }
        scratch.append(UInt8(ascii: "}"))
        return Self.find(scratch, in: bytes)
    }

    private static let partitionField = Array(#","partition":"#.utf8)
    private static let null = Array("null".utf8)

    /// The version consumed for `asset`'s `partition`; nil when it was not consumed (or the text
    /// does not parse, which only a hand-edited store could cause).
    public func version(asset: AssetKey, partition: String?) -> String? {
        guard case .array(let entries)? = try? JSONParser.parse(bytes: bytes) else { return nil }
        for case .object(let fields) in entries {
            guard case .string(asset.rawValue)? = fields["asset"] else { continue }
            let entryPartition: String? = if case .string(let text)? = fields["partition"] { text } else { nil }
            guard entryPartition == partition else { continue }
            if case .string(let version)? = fields["data_version"] { return version }
            return nil
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        let last = haystack.count - needle.count
        var index = 0
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
