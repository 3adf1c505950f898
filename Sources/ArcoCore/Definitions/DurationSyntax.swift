/// Reads and writes the duration syntax of `arco.yaml`: `500ms`, `30s`, `10m`, `26h`, `7d` and
/// combinations from the largest unit down, such as `1h30m`.
///
/// A bare number is refused because its unit would be a guess (`timeout: 30` could be seconds or
/// minutes). Units: `d` = 24 h, `h`, `m` (minutes), `s`, `ms`.
public enum DurationSyntax {
    /// Why a duration was rejected.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text is empty.
        case empty
        /// A bare number such as `30`.
        case missingUnit(String)
        /// Not made of `<digits><unit>` parts, e.g. `1.5h` or `ten minutes`.
        case malformed(String)
        /// Units repeated or out of order, e.g. `30m1h`.
        case unitOrder(String)
        /// Longer than arco can represent.
        case tooLarge(String)

        /// What is wrong.
        public var description: String {
            switch self {
            case .empty: "the duration is empty"
            case .missingUnit(let text): "duration '\(text)' has no unit"
            case .malformed(let text): "invalid duration '\(text)'"
            case .unitOrder(let text):
                "duration '\(text)' repeats a unit or lists them out of order"
            case .tooLarge(let text): "duration '\(text)' is too large"
            }
        }

        /// What to write instead.
        public var hint: String {
            switch self {
            case .missingUnit(let text): "add a unit, e.g. '\(text)s' or '\(text)m'"
            case .unitOrder: "write units from largest to smallest, e.g. '1h30m'"
            default: "use whole numbers with units d, h, m, s or ms, e.g. '30s', '10m', '1h30m'"
            }
        }
    }

    /// The units, largest first, with their length in milliseconds.
    private static let units: [(symbol: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Parses a duration.
    ///
    /// - Throws: `ParseError` when the text is not a duration.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        guard !text.isEmpty else { throw .empty }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) { throw .missingUnit(text) }
        var rest = Substring(text)
        var total: Int64 = 0
        var lastUnitIndex = -1
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(digits.count)
            let letters = rest.prefix(while: { $0.isASCII && $0.isLetter })
            rest = rest.dropFirst(letters.count)
            guard !digits.isEmpty, let amount = Int64(digits),
                let unitIndex = units.firstIndex(where: { $0.symbol == letters })
            else { throw .malformed(text) }
            guard unitIndex > lastUnitIndex else { throw .unitOrder(text) }
            lastUnitIndex = unitIndex
            let (part, overflowPart) = amount.multipliedReportingOverflow(
                by: units[unitIndex].milliseconds)
            let (sum, overflowSum) = total.addingReportingOverflow(part)
            guard !overflowPart, !overflowSum else { throw .tooLarge(text) }
            total = sum
        }
        let duration = Duration.milliseconds(total)
        guard duration <= Limits.durationMax else { throw .tooLarge(text) }
        return duration
    }

    /// The shortest text that parses back to `duration` (`1h30m`, `500ms`, `0s`), rounding
    /// anything below a millisecond away.
    public static func format(_ duration: Duration) -> String {
        var remaining = milliseconds(duration)
        guard remaining > 0 else { return "0s" }
        var text = ""
        for unit in units where remaining >= unit.milliseconds {
            text += "\(remaining / unit.milliseconds)\(unit.symbol)"
            remaining %= unit.milliseconds
        }
        return text
    }

    /// Whole milliseconds in a duration.
    public static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
