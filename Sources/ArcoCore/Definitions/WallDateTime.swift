/// A calendar date and wall-clock time as written in `arco.yaml` (`start`, `end`, exclusions).
///
/// It is read in the partitions definition's time zone, as Dagster reads `start_date`, unless it
/// carries an explicit UTC offset (`2024-10-26-20:00+0100`). Converting it to an instant needs
/// the time zone database and is the partitions code's job, not the decoder's.
public struct WallDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The calendar date.
    public var date: CivilDate
    /// The hour, 0 to 23.
    public var hour: Int
    /// The minute, 0 to 59.
    public var minute: Int
    /// The second, 0 to 59.
    public var second: Int
    /// An explicit offset from UTC in seconds, when the text had one.
    public var utcOffsetSeconds: Int?

    /// Creates a date-time without validating the parts.
    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0,
        utcOffsetSeconds: Int? = nil)
    {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// ISO 8601 text: `2024-01-01T00:00:00`, with `Z` or `+HH:MM` when an offset was given.
    public var description: String {
        var text = "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
        text += "T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        guard let offset = utcOffsetSeconds else { return text }
        if offset == 0 { return text + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return text + "\(sign)\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))"
    }

    /// Whether this is strictly earlier than `other`; nil when their offsets differ, because
    /// comparing them would need the time zone database.
    public func isBefore(_ other: WallDateTime) -> Bool? {
        guard utcOffsetSeconds == other.utcOffsetSeconds else { return nil }
        let lhs = (date.year, date.month, date.day, hour, minute, second)
        let rhs = (other.date.year, other.date.month, other.date.day, other.hour, other.minute,
            other.second)
        return lhs < rhs
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T`, a space or `-` and `HH:MM[:SS]`, and
    /// optionally an offset `Z`, `±HH:MM` or `±HHMM`. Returns nil for anything else, including
    /// impossible dates such as `2023-02-29`.
    public static func parse(_ text: String) -> WallDateTime? {
        var scanner = WallDateTimeScanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2),
            scanner.skip("-"), let day = scanner.digits(2)
        else { return nil }
        var value = WallDateTime(date: CivilDate(year: year, month: month, day: day))
        guard value.date.isValid else { return nil }
        if scanner.isAtEnd { return value }
        guard scanner.skip("T") || scanner.skip(" ") || scanner.skip("-"),
            let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2),
            hour < 24, minute < 60
        else { return nil }
        value.hour = hour
        value.minute = minute
        if scanner.skip(":") {
            guard let second = scanner.digits(2), second < 60 else { return nil }
            value.second = second
        }
        if scanner.isAtEnd { return value }
        guard let offset = scanner.utcOffset(), scanner.isAtEnd else { return nil }
        value.utcOffsetSeconds = offset
        return value
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A byte cursor for the fixed-width date-time forms `WallDateTime` accepts.
private struct WallDateTimeScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else {
            return false
        }
        index += 1
        return true
    }

    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    mutating func utcOffset() -> Int? {
        if skip("Z") { return 0 }
        let sign: Int
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let hours = digits(2) else { return nil }
        _ = skip(":")
        guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
