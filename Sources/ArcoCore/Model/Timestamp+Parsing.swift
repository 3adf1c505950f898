extension Timestamp {
    /// Parses ISO 8601 text with a `Z` or `±HH:MM` offset and optional fractional seconds.
    ///
    /// Every option that takes a time accepts this form (ARCHITECTURE §7). A date alone
    /// (`2024-01-01`) means midnight UTC. Fractions beyond microseconds are truncated.
    /// - Returns: `nil` when the text is not such an instant.
    public init?(iso8601 text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.expect("-"),
              let month = scanner.number(digits: 2), scanner.expect("-"),
              let day = scanner.number(digits: 2)
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        var seconds = date.daysSinceEpoch * 86_400
        if scanner.isAtEnd {
            self.init(secondsSinceEpoch: seconds)
            return
        }
        guard scanner.expect("T") || scanner.expect("t") || scanner.expect(" "),
              let hour = scanner.number(digits: 2), hour < 24, scanner.expect(":"),
              let minute = scanner.number(digits: 2), minute < 60
        else { return nil }
        var second = 0
        if scanner.expect(":") {
            guard let parsed = scanner.number(digits: 2), parsed < 60 else { return nil }
            second = parsed
        }
        var micros: Int64 = 0
        if scanner.expect(".") || scanner.expect(",") {
            guard let fraction = scanner.fractionMicroseconds() else { return nil }
            micros = fraction
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        guard let offset = scanner.utcOffsetSeconds(), scanner.isAtEnd else { return nil }
        self.init(microsecondsSinceEpoch: (seconds - offset) * 1_000_000 + micros)
    }
}

/// A cursor over ASCII bytes used by the hand-written date parsers.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func fractionMicroseconds() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            if count < 6 { value = value * 10 + Int64(bytes[index] - 48) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 6) { value *= 10 }
        return value
    }

    /// Reads `Z`, `+HH:MM`, `+HHMM` or `+HH`; returns the offset east of UTC in seconds.
    mutating func utcOffsetSeconds() -> Int64? {
        if expect("Z") || expect("z") { return 0 }
        let sign: Int64
        if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
        guard let hours = number(digits: 2), hours <= 23 else { return nil }
        var minutes = 0
        if expect(":") {
            guard let parsed = number(digits: 2) else { return nil }
            minutes = parsed
        } else if let parsed = number(digits: 2) {
            minutes = parsed
        }
        guard minutes < 60 else { return nil }
        return sign * Int64(hours * 3600 + minutes * 60)
    }
}
