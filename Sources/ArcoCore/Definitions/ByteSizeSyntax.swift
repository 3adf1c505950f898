/// Reads and writes the size syntax of `arco.yaml`: a whole number and a unit, such as `512KiB`,
/// `10MiB` or `1GiB` (powers of 1024), `10MB` (powers of 1000) or `4096B`.
///
/// A bare number is refused for the same reason `DurationSyntax` refuses one: `log_max: 10`
/// could mean bytes or megabytes, and a wrong guess either floods the disk or empties the log.
public enum ByteSizeSyntax {
    /// Why a size was rejected.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text is empty.
        case empty
        /// A bare number such as `10`.
        case missingUnit(String)
        /// Not `<digits><unit>`, e.g. `1.5MiB` or `ten megs`.
        case malformed(String)
        /// Larger than arco can represent.
        case tooLarge(String)

        /// What is wrong.
        public var description: String {
            switch self {
            case .empty: "the size is empty"
            case .missingUnit(let text): "size '\(text)' has no unit"
            case .malformed(let text): "invalid size '\(text)'"
            case .tooLarge(let text): "size '\(text)' is too large"
            }
        }

        /// What to write instead.
        public var hint: String {
            switch self {
            case .missingUnit(let text): "add a unit, e.g. '\(text)MiB' or '\(text)KiB'"
            default: "use a whole number with a unit B, KiB, MiB, GiB, KB, MB or GB, e.g. '10MiB'"
            }
        }
    }

    /// The units with their size in bytes; the formatter uses the binary ones, largest first.
    private static let units: [(symbol: String, bytes: Int64)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1),
        ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000),
    ]

    /// Parses a size in bytes.
    ///
    /// - Throws: `ParseError` when the text is not a size.
    public static func parse(_ text: String) throws(ParseError) -> Int64 {
        guard !text.isEmpty else { throw .empty }
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        let unit = text.dropFirst(digits.count)
        if !digits.isEmpty, unit.isEmpty { throw .missingUnit(text) }
        guard !digits.isEmpty, let symbol = units.first(where: { $0.symbol == unit }) else {
            throw .malformed(text)
        }
        guard let amount = Int64(digits) else { throw .tooLarge(text) }
        let (bytes, overflow) = amount.multipliedReportingOverflow(by: symbol.bytes)
        guard !overflow, bytes <= Limits.byteSizeMax else { throw .tooLarge(text) }
        return bytes
    }

    /// The shortest binary-unit text for `bytes` (`10MiB`, `1536KiB`, `100B`).
    public static func format(_ bytes: Int64) -> String {
        for unit in units.prefix(4) where bytes >= unit.bytes && bytes % unit.bytes == 0 {
            return "\(bytes / unit.bytes)\(unit.symbol)"
        }
        return "\(bytes)B"
    }
}
