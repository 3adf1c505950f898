/// Finds the wall-clock times a cron matches, as naive seconds (see `ZoneOffsets`), without any
/// time zone: DST is the caller's concern.
struct CronWallMatcher: Sendable, Hashable {
    let cron: CronSyntax
    private let minutes: [Int]
    private let hours: [Int]
    private let months: [Bool]

    /// How far to search for a matching day: Feb 29 can be eight years from the next one
    /// (2096 to 2104), and `CronSyntax` has already rejected crons that never fire.
    static let searchDays: Int64 = 366 * 9

    init(_ cron: CronSyntax) {
        self.cron = cron
        minutes = cron.minutes.list(in: CronSyntax.Field.minute.bounds)
        hours = cron.hours.list(in: CronSyntax.Field.hour.bounds)
        var months = [Bool](repeating: false, count: 13)
        for month in cron.months.list(in: CronSyntax.Field.month.bounds) { months[month] = true }
        self.months = months
    }

    /// Whether the cron repeats every hour, which decides its DST rule (dagster-semantics §1.2).
    var firesEveryHour: Bool { cron.hours == .every }

    /// The first matching wall time at or after `wall`, or nil if none within the search span.
    func first(atOrAfter wall: Int64) -> Int64? {
        let (startDay, startSecond) = Self.split(wall)
        for day in startDay..<(startDay + Self.searchDays) where matches(day: day) {
            let floor = day == startDay ? startSecond : 0
            for hour in hours where hour * 3600 + 3599 >= floor {
                for minute in minutes where hour * 3600 + minute * 60 >= floor {
                    return day * 86_400 + Int64(hour * 3600 + minute * 60)
                }
            }
        }
        return nil
    }

    /// The last matching wall time at or before `wall`, or nil if none within the search span.
    func last(atOrBefore wall: Int64) -> Int64? {
        let (startDay, startSecond) = Self.split(wall)
        for day in stride(from: startDay, to: startDay - Self.searchDays, by: -1)
        where matches(day: day) {
            let ceiling = day == startDay ? startSecond : 86_399
            for hour in hours.reversed() where hour * 3600 <= ceiling {
                for minute in minutes.reversed() where hour * 3600 + minute * 60 <= ceiling {
                    return day * 86_400 + Int64(hour * 3600 + minute * 60)
                }
            }
        }
        return nil
    }

    /// Whether a day (days since 1970-01-01) matches the month and day fields, with croniter's
    /// union rule when both day fields are restricted.
    func matches(day: Int64) -> Bool {
        let date = CivilDate(daysSinceEpoch: day)
        guard months[date.month] else { return false }
        let dayOfMonth = matchesDayOfMonth(date)
        let dayOfWeek = matchesDayOfWeek(date, weekday: Int(((day + 4) % 7 + 7) % 7))
        switch (cron.isDayOfMonthRestricted, cron.isDayOfWeekRestricted) {
        // croniter unites "day-of-month and the nth weekday" with "the nth weekday on any day",
        // so with `#n`/`Ln` forms the union is just the weekday branch (ADR 0002).
        case (true, true) where !cron.nthWeekdays.isEmpty: return dayOfWeek
        case (true, true): return dayOfMonth || dayOfWeek
        case (true, false): return dayOfMonth
        case (false, true): return dayOfWeek
        case (false, false): return true
        }
    }

    private func matchesDayOfMonth(_ date: CivilDate) -> Bool {
        if cron.includesLastDayOfMonth,
            date.day == CivilDate.daysInMonth(year: date.year, month: date.month)
        {
            return true
        }
        switch cron.daysOfMonth {
        case .every: return true
        case .only(let days): return days.contains(date.day)
        }
    }

    private func matchesDayOfWeek(_ date: CivilDate, weekday: Int) -> Bool {
        guard cron.nthWeekdays.isEmpty else {
            let length = CivilDate.daysInMonth(year: date.year, month: date.month)
            return cron.nthWeekdays.contains { nth in
                guard nth.weekday == weekday else { return false }
                guard let occurrence = nth.occurrence else { return date.day + 7 > length }
                return (date.day - 1) / 7 + 1 == occurrence
            }
        }
        switch cron.daysOfWeek {
        case .every: return true
        case .only(let days): return days.contains(weekday)
        }
    }

    /// Splits naive seconds into a day number and a second of the day, flooring.
    static func split(_ wall: Int64) -> (day: Int64, second: Int) {
        let (quotient, remainder) = wall.quotientAndRemainder(dividingBy: 86_400)
        return remainder < 0 ? (quotient - 1, Int(remainder + 86_400)) : (quotient, Int(remainder))
    }
}
