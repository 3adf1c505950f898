/// The identity of a partition: typed `dimension=tag:value` segments sorted by dimension name.
///
/// Users see and type display keys (`2024-01-01`, `2024-01-01|us`); fingerprints, run keys and
/// store rows use this form, which is order-insensitive (segments are sorted), injective (values
/// are typed and strings are base64url-encoded, so `,` `=` `|` and unicode in a key cannot
/// collide) and stable across display-format changes. Reproduces ARCHITECTURE §6's vectors, e.g.
/// `date=d:2025-01-15,region=s:dXMtZWFzdA`.
public struct CanonicalPartitionKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One dimension's value.
    public enum Value: Sendable, Hashable {
        /// `s:` a string, stored base64url without padding.
        case string(String)
        /// `i:` a 64-bit integer.
        case integer(Int64)
        /// `b:` a Boolean.
        case boolean(Bool)
        /// `d:` a calendar date.
        case date(CivilDate)
        /// `t:` a UTC instant with microseconds.
        case timestamp(Timestamp)
        /// `n:null`.
        case null
    }

    /// The dimension used by single-dimension definitions. A fixed name (rather than the
    /// definition's) keeps identities stable when a definition is renamed; see
    /// docs/adr/0007-canonical-partition-keys.md.
    public static let singleDimension = "key"

    /// The segments, sorted by dimension name.
    public let segments: [(dimension: String, value: Value)]

    /// Builds a key from dimension values in any order.
    /// - Throws: `CanonicalKeyError` for a duplicate or malformed dimension name.
    public init(_ values: [(dimension: String, value: Value)]) throws(CanonicalKeyError) {
        var seen = Set<String>()
        for (dimension, _) in values {
            guard Self.isValidDimension(dimension) else { throw .invalidDimension(dimension) }
            guard seen.insert(dimension).inserted else { throw .duplicateDimension(dimension) }
        }
        segments = values.sorted { $0.dimension.utf8.lexicographicallyPrecedes($1.dimension.utf8) }
    }

    /// A key from segments already checked and sorted (the strict parser's output), skipping
    /// the checks the parser has made.
    init(checkedSegments: [(dimension: String, value: Value)]) {
        segments = checkedSegments
    }

    /// A single-dimension key.
    public init(single value: Value) {
        segments = [(Self.singleDimension, value)]
    }

    /// The canonical text.
    public var description: String {
        segments.map { "\($0.dimension)=\(Self.encode($0.value))" }.joined(separator: ",")
    }

    /// The value of a dimension, if present.
    public func value(of dimension: String) -> Value? {
        segments.first { $0.dimension == dimension }?.value
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
    /// Keys order by their canonical text.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.description.utf8.lexicographicallyPrecedes(rhs.description.utf8)
    }

    /// Dimension names are identifiers (they also become `ARCO_PARTITION_<NAME>` variables).
    static func isValidDimension(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || Self.isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || Self.isLetter($0) || (48...57).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }

    static func encode(_ value: Value) -> String {
        switch value {
        case .string(let text): return "s:" + Base64URL.encode(Array(text.utf8))
        case .integer(let number): return "i:\(number)"
        case .boolean(let flag): return flag ? "b:true" : "b:false"
        case .date(let date): return "d:" + DateText.format(date)
        case .timestamp(let instant): return "t:" + instant.iso8601
        case .null: return "n:null"
        }
    }
}

/// Why a text is not a canonical partition key.
public enum CanonicalKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDimension(String)
    case duplicateDimension(String)
    case malformedSegment(String)
    case unknownTag(String)
    case invalidValue(tag: String, value: String)
    case notSorted

    public var description: String {
        switch self {
        case .invalidDimension(let name): return "invalid dimension name '\(name)'"
        case .duplicateDimension(let name): return "dimension '\(name)' appears twice"
        case .malformedSegment(let segment): return "segment '\(segment)' is not dimension=tag:value"
        case .unknownTag(let tag): return "unknown value tag '\(tag)' (expected s, i, b, d, t or n)"
        case .invalidValue(let tag, let value): return "'\(value)' is not a valid '\(tag):' value"
        case .notSorted: return "dimensions must be sorted by name"
        }
    }
}
