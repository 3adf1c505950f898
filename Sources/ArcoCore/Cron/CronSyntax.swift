/// A validated five-field cron expression in the dialect Dagster accepts (croniter's).
///
/// This type is syntax and satisfiability only; iterating ticks in a time zone is the cron
/// iterator's job. It accepts `*`, `?` (day fields), lists, ranges (wrap-around `23-1` and `6-1`
/// included), steps (`*/n`, `a/n`, `a-b/n`), month names `JAN`–`DEC`, weekday names
/// `SUN`–`SAT`, weekday `7` as Sunday, `L` in day-of-month, `L5` (last Friday) and `1#2`
/// (second Monday) in day-of-week, and the aliases `@hourly @daily @midnight @weekly @monthly
/// @yearly @annually`.
///
/// Where Dagster only warns or fails later, arco rejects the cron up front: a step larger than its
/// field (`*/90`), a cron that can never fire (`0 0 31 4 *`), day-of-month and month `0`, ranges
/// with equal bounds (`5-5`, which croniter reads as "every value"), and plain weekdays mixed with
/// `#`/`L` forms. See docs/adr/0002-cron-never-fires.md.
public struct CronSyntax: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written (trimmed), aliases not expanded.
    public let text: String
    /// The minutes it fires at.
    public let minutes: Values
    /// The hours it fires at.
    public let hours: Values
    /// The numbered days of the month; see also `includesLastDayOfMonth`.
    public let daysOfMonth: Values
    /// Whether day-of-month contains `L`, the last day of each month.
    public let includesLastDayOfMonth: Bool
    /// The months it fires in, 1 to 12.
    public let months: Values
    /// The weekdays, 0 (Sunday) to 6; for `#`/`L` forms these are the weekdays those forms name.
    public let daysOfWeek: Values
    /// The `#n` and `Ln` forms of the day-of-week field, in the order written.
    public let nthWeekdays: [NthWeekday]

    /// The expression as written.
    public var description: String { text }

    /// Whether day-of-month narrows the days; when both day fields do, a day matching either
    /// fires (cron's union rule, as croniter applies it).
    public var isDayOfMonthRestricted: Bool { daysOfMonth != .every || includesLastDayOfMonth }

    /// Whether day-of-week narrows the days.
    public var isDayOfWeekRestricted: Bool { daysOfWeek != .every }

    /// Parses and validates a cron expression.
    ///
    /// - Throws: `ParseError` naming the first problem found.
    public static func parse(_ text: String) throws(ParseError) -> CronSyntax {
        let trimmed = trimmingBlanks(text)
        guard !trimmed.isEmpty else { throw .empty }
        let expanded = try expandAlias(trimmed)
        let parts = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 5 else { throw .wrongFieldCount(parts.count) }
        var parsed: [ParsedField] = []
        for (field, part) in zip(Field.allCases, parts) {
            parsed.append(try parseField(field, part))
        }
        let syntax = CronSyntax(text: trimmed, parsed: parsed, parts: parts)
        try syntax.checkCanFire(dayOfMonthText: parts[2], dayOfWeekText: parts[4])
        return syntax
    }

    private init(text: String, parsed: [ParsedField], parts: [String]) {
        self.text = text
        minutes = parsed[0].collapsed(.minute, keepFullList: false)
        hours = parsed[1].collapsed(.hour, keepFullList: false)
        // croniter keeps a full day list when the other day field has no `*`, so that the union
        // rule still applies (`0 0 1-31 * 1` stays "restricted").
        daysOfMonth = parsed[2].collapsed(.dayOfMonth, keepFullList: !parts[4].contains("*"))
        includesLastDayOfMonth = parsed[2].includesLastDay
        months = parsed[3].collapsed(.month, keepFullList: false)
        daysOfWeek = parsed[4].collapsed(.dayOfWeek, keepFullList: !parts[2].contains("*"))
        nthWeekdays = parsed[4].nthWeekdays
    }
}

// MARK: - Public nested types

extension CronSyntax {
    /// One of the five cron fields.
    public enum Field: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case minute, hour, dayOfMonth, month, dayOfWeek

        /// The values the field can take after aliasing (weekday 7 becomes 0).
        public var bounds: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...6
            }
        }

        /// The values a user may write (weekday 7 means Sunday).
        public var writtenBounds: ClosedRange<Int> { self == .dayOfWeek ? 0...7 : bounds }

        /// The largest step Dagster accepts without its out-of-range warning.
        public var largestStep: Int { writtenBounds.upperBound }

        /// The field's name in messages.
        public var description: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day-of-month"
            case .month: "month"
            case .dayOfWeek: "day-of-week"
            }
        }
    }

    /// The values of a field: every value, or a sorted list.
    public enum Values: Sendable, Hashable {
        /// Every value of the field (`*`, `?`, or a list croniter collapses to `*`).
        case every
        /// These values, sorted ascending, without duplicates.
        case only([Int])

        /// The concrete values, expanding `.every` over the field's bounds.
        public func list(in bounds: ClosedRange<Int>) -> [Int] {
            switch self {
            case .every: Array(bounds)
            case .only(let values): values
            }
        }
    }

    /// A day-of-week form that picks one weekday of the month: `1#2` or `L5`.
    public struct NthWeekday: Sendable, Hashable {
        /// The weekday, 0 (Sunday) to 6.
        public var weekday: Int
        /// Which occurrence, 1 to 5; `nil` means the last one (`L5`).
        public var occurrence: Int?

        /// Creates an nth-weekday form.
        public init(weekday: Int, occurrence: Int?) {
            self.weekday = weekday
            self.occurrence = occurrence
        }

        /// Whether this weekday occurrence can fall on `day` of a month of `monthLength` days.
        func canFall(on day: Int, monthLength: Int) -> Bool {
            guard day <= monthLength else { return false }
            guard let occurrence else { return day > monthLength - 7 }
            return (7 * (occurrence - 1) + 1...7 * occurrence).contains(day)
        }
    }
}

// MARK: - Errors

extension CronSyntax {
    /// Why a cron expression was rejected.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The expression is blank.
        case empty
        /// An `@` alias arco does not know (`@reboot`).
        case unknownAlias(String)
        /// Not exactly five fields.
        case wrongFieldCount(Int)
        /// An element that is not a value, range, step or special form of its field.
        case invalidElement(field: Field, element: String)
        /// A number outside the field's range.
        case valueOutOfRange(field: Field, value: Int, allowed: ClosedRange<Int>)
        /// A step of zero or larger than the field (Dagster only warns about `*/90`).
        case stepOutOfRange(field: Field, step: Int, allowed: ClosedRange<Int>)
        /// A range whose bounds are equal, which croniter reads as "every value".
        case equalRangeBounds(field: Field, element: String)
        /// `?` used outside the day fields or combined with other values.
        case misplacedQuestionMark(field: Field)
        /// `#n` with n outside 1 to 5.
        case nthOccurrenceOutOfRange(element: String)
        /// Plain weekdays mixed with `#`/`L` forms, which croniter refuses.
        case mixedNthWeekdays(element: String)
        /// Day-of-month never occurs in any of the months (`0 0 31 4 *`).
        case dayNeverInMonths(days: [Int], months: [Int])
        /// Day-of-month and an nth weekday never coincide; croniter raises for these.
        case nthWeekdayNeverOnDayOfMonth(dayOfMonth: String, dayOfWeek: String)

        /// What is wrong, lowercase and without a trailing period.
        public var description: String {
            switch self {
            case .empty: "the cron expression is empty"
            case .unknownAlias(let alias): "unknown cron alias '\(alias)'"
            case .wrongFieldCount(let count):
                "expected 5 fields (minute hour day-of-month month day-of-week), found \(count)"
            case .invalidElement(let field, let element): "invalid \(field) value '\(element)'"
            case .valueOutOfRange(let field, let value, let allowed):
                "\(field) value \(value) is out of range "
                    + "\(allowed.lowerBound)-\(allowed.upperBound)"
            case .stepOutOfRange(let field, let step, let allowed):
                "step \(step) in the \(field) field is out of range "
                    + "\(allowed.lowerBound)-\(allowed.upperBound)"
            case .equalRangeBounds(let field, let element):
                "\(field) range '\(element)' has equal bounds"
            case .misplacedQuestionMark(let field):
                "'?' in the \(field) field; it may only stand alone in a day field"
            case .nthOccurrenceOutOfRange(let element):
                "invalid nth weekday '\(element)'; the occurrence must be 1 to 5"
            case .mixedNthWeekdays(let element):
                "day-of-week '\(element)' mixes plain weekdays with '#' or 'L' forms"
            case .dayNeverInMonths(let days, let months): Self.neverFiresMessage(days, months)
            case .nthWeekdayNeverOnDayOfMonth(let dayOfMonth, let dayOfWeek):
                "never fires: day-of-month '\(dayOfMonth)' never falls on "
                    + "day-of-week '\(dayOfWeek)'"
            }
        }

        /// What to do about it, when there is something specific to say.
        public var hint: String? {
            switch self {
            case .empty, .wrongFieldCount:
                "write five fields, e.g. '0 2 * * *' for 02:00 every day"
            case .unknownAlias: "use one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly"
            case .invalidElement(let field, let element): Self.elementHint(field, element)
            case .valueOutOfRange, .misplacedQuestionMark, .nthOccurrenceOutOfRange: nil
            case .stepOutOfRange(let field, _, _):
                "a step must be between 1 and \(field.largestStep); Dagster would silently "
                    + "fire on the first value only"
            case .equalRangeBounds: "write a single value, or '*' for every value"
            case .mixedNthWeekdays: "use one form per schedule, e.g. two schedules"
            case .dayNeverInMonths:
                "pick a day that exists in those months, or 'L' for the last day of the month"
            case .nthWeekdayNeverOnDayOfMonth:
                "Dagster raises for this combination; use one schedule per day field"
            }
        }

        private static func neverFiresMessage(_ days: [Int], _ months: [Int]) -> String {
            let names = months.map { CronSyntax.monthNames[$0 - 1] }
            if days.count == 1, months.count == 1, let month = months.first {
                if month == 2 { return "never fires: February has at most 29 days" }
                return "never fires: \(names[0]) has \(CronSyntax.longestMonth(month)) days"
            }
            let dayList = days.map(String.init).joined(separator: ", ")
            let noun = days.count == 1 ? "day \(dayList) does not" : "days \(dayList) do not"
            return "never fires: \(noun) occur in \(names.joined(separator: ", "))"
        }

        private static func elementHint(_ field: Field, _ element: String) -> String {
            let lower = element.lowercased()
            if field == .dayOfWeek, lower.hasSuffix("l") {
                return "write 'L' before the weekday, e.g. 'L5' for the last Friday of the month"
            }
            if field == .dayOfMonth, lower.hasPrefix("l") {
                return "only a plain 'L' (the last day of the month) is supported"
            }
            if lower.hasPrefix("h") || lower.hasPrefix("r") {
                return "hashed and random values ('H', 'R') are not supported"
            }
            if field == .dayOfMonth, lower.hasSuffix("w") {
                return "'W' (nearest weekday) is not supported"
            }
            let bounds = field.writtenBounds
            var allowed = "numbers \(bounds.lowerBound)-\(bounds.upperBound)"
            if field == .month { allowed += ", JAN-DEC" }
            if field == .dayOfWeek { allowed += ", SUN-SAT, '1#2', 'L5'" }
            if field == .dayOfMonth { allowed += ", 'L'" }
            return "use \(allowed), '*', lists 'a,b', ranges 'a-b' and steps '*/n'"
        }
    }
}

// MARK: - Parsing

extension CronSyntax {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    private static let monthAbbreviations = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let weekdayAbbreviations = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let aliases: [String: String] = [
        "@midnight": "0 0 * * *", "@hourly": "0 * * * *", "@daily": "0 0 * * *",
        "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *",
        "@annually": "0 0 1 1 *",
    ]

    /// The values parsed from one field before croniter's collapsing rule is applied.
    private struct ParsedField {
        var isWildcard = false
        var values: Set<Int> = []
        var plainWeekdays: Set<Int> = []
        var includesLastDay = false
        var nthWeekdays: [NthWeekday] = []

        func collapsed(_ field: Field, keepFullList: Bool) -> Values {
            if isWildcard { return .every }
            if values.count == field.bounds.count, !keepFullList, !includesLastDay { return .every }
            return .only(values.sorted())
        }
    }

    static func longestMonth(_ month: Int) -> Int { monthLengths(month).max() ?? 31 }

    private static func monthLengths(_ month: Int) -> [Int] {
        switch month {
        case 2: [28, 29]
        case 4, 6, 9, 11: [30]
        default: [31]
        }
    }

    private static func trimmingBlanks(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
            let last = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[first...last])
    }

    private static func expandAlias(_ text: String) throws(ParseError) -> String {
        guard text.hasPrefix("@") else { return text }
        guard let expansion = aliases[text.lowercased()] else { throw .unknownAlias(text) }
        return expansion
    }

    private static func parseField(
        _ field: Field, _ text: String
    ) throws(ParseError) -> ParsedField {
        if text.contains("?") {
            guard text == "?", field == .dayOfMonth || field == .dayOfWeek else {
                throw .misplacedQuestionMark(field: field)
            }
            return ParsedField(isWildcard: true)
        }
        if text == "*" { return ParsedField(isWildcard: true) }
        var result = ParsedField()
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            try parseElement(String(element), field: field, into: &result)
        }
        if !result.nthWeekdays.isEmpty, !result.plainWeekdays.isEmpty {
            throw .mixedNthWeekdays(element: text)
        }
        return result
    }

    private static func parseElement(
        _ element: String, field: Field, into result: inout ParsedField
    ) throws(ParseError) {
        let lower = element.lowercased()
        if field == .dayOfWeek, let nth = try nthWeekday(element) {
            result.nthWeekdays.append(nth)
            result.values.insert(nth.weekday)
            return
        }
        if field == .dayOfMonth, lower == "l" {
            result.includesLastDay = true
            return
        }
        let values = try stepValues(element, field: field)
        result.values.formUnion(values)
        if field == .dayOfWeek { result.plainWeekdays.formUnion(values) }
    }

    /// Parses `1#2`, `MON#2` and `L5`; returns nil for anything else.
    private static func nthWeekday(_ element: String) throws(ParseError) -> NthWeekday? {
        let lower = element.lowercased()
        if lower.hasPrefix("l"), lower.count > 1, lower.dropFirst().allSatisfy(\.isASCIIDigit) {
            let weekday = try value(String(lower.dropFirst()), field: .dayOfWeek, element: element)
            return NthWeekday(weekday: weekday, occurrence: nil)
        }
        let parts = lower.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            if parts.count > 2 { throw .invalidElement(field: .dayOfWeek, element: element) }
            return nil
        }
        guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else {
            throw .invalidElement(field: .dayOfWeek, element: element)
        }
        guard let occurrence = Int(parts[1]), (1...5).contains(occurrence) else {
            throw .nthOccurrenceOutOfRange(element: element)
        }
        let weekday = try value(String(parts[0]), field: .dayOfWeek, element: element)
        return NthWeekday(weekday: weekday, occurrence: occurrence)
    }

    /// Expands `*/n`, `a`, `a/n`, `a-b` and `a-b/n`.
    private static func stepValues(_ element: String, field: Field) throws(ParseError) -> [Int] {
        let lower = element.lowercased()
        let pieces = lower.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count <= 2, !pieces[0].isEmpty else {
            throw .invalidElement(field: field, element: element)
        }
        var step: Int?
        if pieces.count == 2 { step = try parseStep(pieces[1], field: field, element: element) }
        let base = pieces[0]
        if base == "*" {
            // A bare `*` was handled by the caller, so this one sits inside a list.
            guard let step else { throw .invalidElement(field: field, element: element) }
            return rangeValues(low: field.bounds.lowerBound, high: field.bounds.upperBound,
                step: step, field: field)
        }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2, !bounds.contains(where: \.isEmpty) else {
            throw .invalidElement(field: field, element: element)
        }
        let low = try writtenValue(bounds[0], field: field, element: element, isHigh: false)
        guard bounds.count == 2 || step != nil else { return [aliased(low, field)] }
        var high = field.bounds.upperBound
        if bounds.count == 2 {
            high = try writtenValue(bounds[1], field: field, element: element, isHigh: true)
        }
        guard low != high else { throw .equalRangeBounds(field: field, element: element) }
        return rangeValues(low: aliased(low, field), high: aliased(high, field), step: step ?? 1,
            field: field)
    }

    private static func parseStep(
        _ text: String, field: Field, element: String
    ) throws(ParseError) -> Int {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else {
            throw .invalidElement(field: field, element: element)
        }
        let allowed = 1...field.largestStep
        guard let step = Int(text), allowed.contains(step) else {
            throw .stepOutOfRange(field: field, step: Int(text) ?? Int.max, allowed: allowed)
        }
        return step
    }

    /// Expands a range the way croniter does, including its wrap-around and step carry-over.
    private static func rangeValues(low: Int, high: Int, step: Int, field: Field) -> [Int] {
        let bounds = field.bounds
        if low < high { return Array(stride(from: low, through: high, by: step)) }
        if low == high {
            // Only `0-7` in day-of-week gets here (7 is Sunday): the whole week.
            return Array(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        var values = Array(stride(from: low, through: bounds.upperBound, by: step))
        var skip = 0
        if let last = values.last {
            let alreadySkipped = bounds.upperBound - last
            let position = last - bounds.lowerBound
            if position + step > bounds.count, alreadySkipped < step {
                skip = step - alreadySkipped
            }
        }
        values += stride(from: bounds.lowerBound + skip, through: high, by: step)
        return values
    }

    /// A range bound as written: a number, a name, or `L` as the high end of a day range.
    private static func writtenValue(
        _ token: String, field: Field, element: String, isHigh: Bool
    ) throws(ParseError) -> Int {
        if field == .dayOfMonth, isHigh, token == "l" { return 31 }
        return try rawValue(token, field: field, element: element)
    }

    /// A single value after aliasing (weekday 7 becomes 0).
    private static func value(
        _ token: String, field: Field, element: String
    ) throws(ParseError) -> Int {
        aliased(try rawValue(token, field: field, element: element), field)
    }

    private static func rawValue(
        _ token: String, field: Field, element: String
    ) throws(ParseError) -> Int {
        if !token.isEmpty, token.allSatisfy(\.isASCIIDigit) {
            guard let number = Int(token), field.writtenBounds.contains(number) else {
                throw .valueOutOfRange(field: field, value: Int(token) ?? Int.max,
                    allowed: field.writtenBounds)
            }
            return number
        }
        if field == .month, let index = monthAbbreviations.firstIndex(of: token) {
            return index + 1
        }
        if field == .dayOfWeek, let index = weekdayAbbreviations.firstIndex(of: token) {
            return index
        }
        throw .invalidElement(field: field, element: element)
    }

    private static func aliased(_ value: Int, _ field: Field) -> Int {
        field == .dayOfWeek && value == 7 ? 0 : value
    }
}

// MARK: - Satisfiability

extension CronSyntax {
    /// Rejects crons whose day-of-month branch can never match.
    ///
    /// croniter evaluates a cron with both day fields set as two branches (day-of-month with any
    /// weekday, and the reverse) and raises when either branch finds no date, so a branch that is
    /// empty makes the whole cron unusable in Dagster, even when the other branch would fire.
    private func checkCanFire(dayOfMonthText: String, dayOfWeekText: String) throws(ParseError) {
        guard case .only(let days) = daysOfMonth else { return }
        let monthList = months.list(in: Field.month.bounds)
        var dateExists = false
        var nthMatches = false
        for month in monthList {
            for length in Self.monthLengths(month) {
                var candidates = days.filter { $0 <= length }
                if includesLastDayOfMonth { candidates.append(length) }
                if !candidates.isEmpty { dateExists = true }
                let matches = nthWeekdays.contains { nth in
                    candidates.contains { nth.canFall(on: $0, monthLength: length) }
                }
                if matches { nthMatches = true }
            }
        }
        guard dateExists else { throw .dayNeverInMonths(days: days, months: monthList) }
        if !nthWeekdays.isEmpty, !nthMatches {
            throw .nthWeekdayNeverOnDayOfMonth(dayOfMonth: dayOfMonthText, dayOfWeek: dayOfWeekText)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
