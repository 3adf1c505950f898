/// A key format in Python's strftime dialect, which Dagster formats and parses keys with.
///
/// Formatting covers the directives `WorkspaceDecoding` accepts except the week numbers `%U %W
/// %G %V` and the zone name `%Z`, which are written through unchanged. Parsing (`parse`) covers the
/// numeric directives, `%z`, `%b %B %a %A %p` and `%%`, with Python's field widths.
public struct StrftimeFormat: Sendable, Hashable, CustomStringConvertible {
    /// The format as written, e.g. `%Y-%m-%d-%H:%M`.
    public let pattern: String
    let tokens: [Token]

    /// One piece of a format: literal text or a `%x` directive.
    enum Token: Sendable, Hashable {
        case literal([UInt8])
        case directive(UInt8)
    }

    /// Parses the pattern into literals and directives; a trailing lone `%` is literal.
    public init(_ pattern: String) {
        self.pattern = pattern
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var bytes = Array(pattern.utf8).makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%"), let directive = bytes.next() else {
                literal.append(byte)
                continue
            }
            if directive == UInt8(ascii: "%") {
                literal.append(directive)
                continue
            }
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = []
            tokens.append(.directive(directive))
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        self.tokens = tokens
    }

    /// The format as written.
    public var description: String { pattern }

    /// Whether keys carry their UTC offset (`%z`), which makes every key unambiguous.
    public var includesUTCOffset: Bool { tokens.contains(.directive(UInt8(ascii: "z"))) }

    /// Whether the format has the directive `%` + `directive`.
    public func shows(_ directive: Character) -> Bool {
        guard let byte = directive.asciiValue else { return false }
        return tokens.contains(.directive(byte))
    }

    /// This format followed by `%z`, the fallback Dagster tries when a key does not parse.
    public var withUTCOffset: StrftimeFormat { StrftimeFormat(pattern + "%z") }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    static let weekdayNames = [
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    ]

    /// Formats a wall-clock date-time; `%z` is empty when `value` has no offset, as for a naive
    /// Python datetime.
    public func format(_ value: WallDateTime) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(pattern.utf8.count + 8)
        for token in tokens {
            switch token {
            case .literal(let bytes): out.append(contentsOf: bytes)
            case .directive(let directive): append(directive, of: value, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `+HHMM` / `-HHMM`, Python's `%z` spelling.
    public static func utcOffsetText(_ seconds: Int) -> String {
        var out: [UInt8] = []
        appendOffset(seconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func append(_ directive: UInt8, of value: WallDateTime, to out: inout [UInt8]) {
        let date = value.date
        let weekday = Int(((date.daysSinceEpoch + 4) % 7 + 7) % 7)
        switch directive {
        case UInt8(ascii: "Y"): Self.appendNumber(date.year, width: 4, to: &out)
        case UInt8(ascii: "y"):
            Self.appendNumber(((date.year % 100) + 100) % 100, width: 2, to: &out)
        case UInt8(ascii: "m"): Self.appendNumber(date.month, width: 2, to: &out)
        case UInt8(ascii: "d"): Self.appendNumber(date.day, width: 2, to: &out)
        case UInt8(ascii: "H"): Self.appendNumber(value.hour, width: 2, to: &out)
        case UInt8(ascii: "I"): Self.appendNumber((value.hour + 11) % 12 + 1, width: 2, to: &out)
        case UInt8(ascii: "p"): out.append(contentsOf: Array((value.hour < 12 ? "AM" : "PM").utf8))
        case UInt8(ascii: "M"): Self.appendNumber(value.minute, width: 2, to: &out)
        case UInt8(ascii: "S"): Self.appendNumber(value.second, width: 2, to: &out)
        case UInt8(ascii: "f"): out.append(contentsOf: Array("000000".utf8))
        case UInt8(ascii: "j"): Self.appendNumber(Self.dayOfYear(date), width: 3, to: &out)
        case UInt8(ascii: "w"): Self.appendNumber(weekday, width: 1, to: &out)
        case UInt8(ascii: "u"): Self.appendNumber(weekday == 0 ? 7 : weekday, width: 1, to: &out)
        case UInt8(ascii: "a"): out.append(contentsOf: Self.weekdayNames[weekday].utf8.prefix(3))
        case UInt8(ascii: "A"): out.append(contentsOf: Array(Self.weekdayNames[weekday].utf8))
        case UInt8(ascii: "b"): out.append(contentsOf: Self.monthNames[date.month - 1].utf8.prefix(3))
        case UInt8(ascii: "B"): out.append(contentsOf: Array(Self.monthNames[date.month - 1].utf8))
        case UInt8(ascii: "z"):
            if let offset = value.utcOffsetSeconds { Self.appendOffset(offset, to: &out) }
        default: out.append(contentsOf: [UInt8(ascii: "%"), directive])
        }
    }

    static func dayOfYear(_ date: CivilDate) -> Int {
        Int(date.daysSinceEpoch - CivilDate(year: date.year, month: 1, day: 1).daysSinceEpoch) + 1
    }

    /// Appends a zero-padded decimal number without temporary arrays: it runs several times per
    /// key, and keys are listed by the tens of thousands.
    static func appendNumber(_ value: Int, width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = abs(value)
        var digits = 1
        var power = 10
        while power <= magnitude {
            digits += 1
            power *= 10
        }
        for _ in digits..<max(width, digits) { out.append(UInt8(ascii: "0")) }
        var divisor = power / 10
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: 48 + magnitude / divisor % 10))
            divisor /= 10
        }
    }

    private static func appendOffset(_ seconds: Int, to out: inout [UInt8]) {
        out.append(seconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let minutes = abs(seconds) / 60
        appendNumber(minutes / 60, width: 2, to: &out)
        appendNumber(minutes % 60, width: 2, to: &out)
    }
}
