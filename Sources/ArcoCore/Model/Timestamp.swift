/// An instant in UTC with microsecond precision.
///
/// The ledger stores instants as fixed-width ISO 8601 text (`2024-01-01T00:00:00.000000Z`) so that
/// they sort lexically and read well in the `sqlite3` shell. Conversion is done by hand because it
/// sits on the append and rebuild hot paths and must not depend on the process's locale or time
/// zone.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microsecondsSinceEpoch: Int64

    /// Creates an instant from microseconds since the Unix epoch.
    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Creates an instant from whole seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = secondsSinceEpoch * 1_000_000
    }

    /// Whole seconds since the epoch, rounded towards negative infinity.
    public var secondsSinceEpoch: Int64 {
        let (quotient, remainder) = microsecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000)
        return remainder < 0 ? quotient - 1 : quotient
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// The canonical text form, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (27 characters).
    public var description: String { iso8601 }

    /// The canonical text form, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (27 characters).
    public var iso8601: String {
        let seconds = secondsSinceEpoch
        let micros = Int(microsecondsSinceEpoch - seconds * 1_000_000)
        let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
        let civil = CivilDate(daysSinceEpoch: days)
        // Written in place into a fixed 27-byte buffer: this runs for every ledger row on append,
        // rebuild and hash verification, and per-field temporary arrays dominated its cost.
        return String(unsafeUninitializedCapacity: 27) { buffer in
            var index = 0
            func put(_ value: Int, _ width: Int) {
                var rest = value
                var position = index + width - 1
                while position >= index {
                    buffer[position] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                    position -= 1
                }
                index += width
            }
            func mark(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            put(Swift.min(Swift.max(civil.year, 0), 9999), 4)
            mark(45)
            put(civil.month, 2)
            mark(45)
            put(civil.day, 2)
            mark(84)
            put(Int(secondOfDay / 3600), 2)
            mark(58)
            put(Int(secondOfDay % 3600 / 60), 2)
            mark(58)
            put(Int(secondOfDay % 60), 2)
            mark(46)
            put(micros, 6)
            mark(90)
            return index
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

/// A proleptic Gregorian calendar date, converted without Foundation.
///
/// The algorithm is Howard Hinnant's `civil_from_days`/`days_from_civil`, which is exact for
/// every date the ledger can hold.
public struct CivilDate: Sendable, Hashable {
    /// The year, e.g. 2024.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int

    /// Creates a date from its parts without validating them.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the date that lies `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        self.year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        self.month = Int(month)
        self.day = Int(day)
    }

    /// Days from 1970-01-01 to this date.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether the parts name a real calendar day.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= CivilDate.daysInMonth(year: year, month: month)
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
