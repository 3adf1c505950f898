import Testing

@testable import ArcoCore

@Suite("CronSyntax")
struct CronSyntaxTests {
    /// A cron and the error it must produce.
    struct RejectedCase: CustomStringConvertible, Sendable {
        let cron: String
        let error: CronSyntax.ParseError
        var description: String { cron }
    }

    static let accepted = [
        "* * * * *", "0 2 * * *", "*/15 1-3 * * *", "0 0 * * 1-5", "0 9 * * MON", "0 0 L * *",
        "0 0 ? * *", "0 0 * * ?", "0 0 1 JAN,JUL *", "0 0 1 jan-mar *", "0 23-1 * * *",
        "0 0 * * 6-1", "15/20 * * * *", "00 09 * * *", "* * * * L5", "0 0 * * 1#2",
        "0 0 * * MON#2", "0 0 29 2 *", "0 0 * * 7", "0 0 * * 0-7", "*/59 * * * *",
        "0 */23 * * *", "0 0 */31 * *", "0 0 1 */12 *", "0 0 * * */7", "0 0 15-L * *",
        "0 0 1,L * *", "26-34 2 L * L5", "@hourly", "@daily", "@midnight", "@weekly",
        "@monthly", "@yearly", "@annually", "@DAILY", "  0 2 * * *  ", "0\t2 * * *",
        "0 0 31 1-4 *", "0 0 30 2,3 *",
    ]

    static let rejected: [RejectedCase] = [
        RejectedCase(cron: "", error: .empty),
        RejectedCase(cron: "@reboot", error: .unknownAlias("@reboot")),
        RejectedCase(cron: "0 0 * *", error: .wrongFieldCount(4)),
        RejectedCase(cron: "0 0 0 * * *", error: .wrongFieldCount(6)),
        RejectedCase(cron: "*/90 * * * *",
            error: .stepOutOfRange(field: .minute, step: 90, allowed: 1...59)),
        RejectedCase(cron: "*/60 * * * *",
            error: .stepOutOfRange(field: .minute, step: 60, allowed: 1...59)),
        RejectedCase(cron: "0 */25 * * *",
            error: .stepOutOfRange(field: .hour, step: 25, allowed: 1...23)),
        RejectedCase(cron: "*/0 * * * *",
            error: .stepOutOfRange(field: .minute, step: 0, allowed: 1...59)),
        RejectedCase(cron: "60 * * * *",
            error: .valueOutOfRange(field: .minute, value: 60, allowed: 0...59)),
        RejectedCase(cron: "0 24 * * *",
            error: .valueOutOfRange(field: .hour, value: 24, allowed: 0...23)),
        RejectedCase(cron: "0 0 0 * *",
            error: .valueOutOfRange(field: .dayOfMonth, value: 0, allowed: 1...31)),
        RejectedCase(cron: "0 0 1 13 *",
            error: .valueOutOfRange(field: .month, value: 13, allowed: 1...12)),
        RejectedCase(cron: "0 0 * * 8",
            error: .valueOutOfRange(field: .dayOfWeek, value: 8, allowed: 0...7)),
        RejectedCase(cron: "0 0 * * 5L", error: .invalidElement(field: .dayOfWeek, element: "5L")),
        RejectedCase(cron: "0 0 L-2 * *",
            error: .invalidElement(field: .dayOfMonth, element: "L-2")),
        RejectedCase(cron: "0 0 * * L", error: .invalidElement(field: .dayOfWeek, element: "L")),
        RejectedCase(cron: "0 0 15W * *",
            error: .invalidElement(field: .dayOfMonth, element: "15W")),
        RejectedCase(cron: "H * * * *", error: .invalidElement(field: .minute, element: "H")),
        RejectedCase(cron: "0 0 * FOO *", error: .invalidElement(field: .month, element: "FOO")),
        RejectedCase(cron: "0 0 * * MON-FOO",
            error: .invalidElement(field: .dayOfWeek, element: "MON-FOO")),
        RejectedCase(cron: "1,,2 * * * *", error: .invalidElement(field: .minute, element: "")),
        RejectedCase(cron: "-5 * * * *", error: .invalidElement(field: .minute, element: "-5")),
        RejectedCase(cron: "*,5 * * * *", error: .invalidElement(field: .minute, element: "*")),
        RejectedCase(cron: "0 0 JAN * *",
            error: .invalidElement(field: .dayOfMonth, element: "JAN")),
        RejectedCase(cron: "5-5 * * * *", error: .equalRangeBounds(field: .minute, element: "5-5")),
        RejectedCase(cron: "? * * * *", error: .misplacedQuestionMark(field: .minute)),
        RejectedCase(cron: "0 0 ?,1 * *", error: .misplacedQuestionMark(field: .dayOfMonth)),
        RejectedCase(cron: "0 0 * * 1#6", error: .nthOccurrenceOutOfRange(element: "1#6")),
        RejectedCase(cron: "0 0 * * 1#0", error: .nthOccurrenceOutOfRange(element: "1#0")),
        RejectedCase(cron: "0 0 * * 1,2#3", error: .mixedNthWeekdays(element: "1,2#3")),
        RejectedCase(cron: "0 0 31 4 *", error: .dayNeverInMonths(days: [31], months: [4])),
        RejectedCase(cron: "0 0 30 2 *", error: .dayNeverInMonths(days: [30], months: [2])),
        RejectedCase(cron: "0 0 30,31 FEB *",
            error: .dayNeverInMonths(days: [30, 31], months: [2])),
        RejectedCase(cron: "0 0 31 4,6 *", error: .dayNeverInMonths(days: [31], months: [4, 6])),
        RejectedCase(cron: "*/15 */4 1,15 * 1#2",
            error: .nthWeekdayNeverOnDayOfMonth(dayOfMonth: "1,15", dayOfWeek: "1#2")),
        RejectedCase(cron: "0 0 1-7 * L5",
            error: .nthWeekdayNeverOnDayOfMonth(dayOfMonth: "1-7", dayOfWeek: "L5")),
    ]

    @Test("accepts Dagster's dialect", arguments: accepted)
    func acceptsDialect(cron: String) {
        #expect(throws: Never.self) { try CronSyntax.parse(cron) }
    }

    @Test("rejects with the precise error", arguments: rejected)
    func rejectsWithPreciseError(testCase: RejectedCase) {
        let error = #expect(throws: CronSyntax.ParseError.self) {
            try CronSyntax.parse(testCase.cron)
        }
        #expect(error == testCase.error, "'\(testCase.cron)' produced \(String(describing: error))")
    }

    @Test("expands lists, ranges and steps into field values")
    func expandsValues() throws {
        let cron = try CronSyntax.parse("15/20 9-17/4 1,15 JAN-MAR MON-FRI")
        #expect(cron.minutes == .only([15, 35, 55]))
        #expect(cron.hours == .only([9, 13, 17]))
        #expect(cron.daysOfMonth == .only([1, 15]))
        #expect(cron.months == .only([1, 2, 3]))
        #expect(cron.daysOfWeek == .only([1, 2, 3, 4, 5]))
        #expect(cron.isDayOfMonthRestricted && cron.isDayOfWeekRestricted)
    }

    @Test("wrap-around ranges continue past the end of the field, as croniter does")
    func wrapAroundRanges() throws {
        #expect(try CronSyntax.parse("0 23-1 * * *").hours == .only([0, 1, 23]))
        #expect(try CronSyntax.parse("0 0 * * 6-1").daysOfWeek == .only([0, 1, 6]))
        #expect(try CronSyntax.parse("0 0 * * FRI-SUN").daysOfWeek == .only([0, 5, 6]))
        // croniter carries the step across the wrap with its own skip rule: 22, then 2.
        #expect(try CronSyntax.parse("0 22-2/3 * * *").hours == .only([2, 22]))
        #expect(try CronSyntax.parse("0 0 1 NOV-FEB *").months == .only([1, 2, 11, 12]))
    }

    @Test("weekday 7 is Sunday and 0-7 is the whole week")
    func sundayAliases() throws {
        #expect(try CronSyntax.parse("0 0 * * 7").daysOfWeek == .only([0]))
        #expect(try CronSyntax.parse("0 0 * * 5-7").daysOfWeek == .only([0, 5, 6]))
        #expect(try CronSyntax.parse("0 0 * * 0-7").daysOfWeek == .every)
    }

    @Test("a list covering the whole field collapses to every value unless the union rule needs it")
    func fullListsCollapse() throws {
        #expect(try CronSyntax.parse("0-59 * * * *").minutes == .every)
        #expect(try CronSyntax.parse("0 0 * * 0-6").daysOfWeek == .every)
        // With a restricted weekday the full day list stays, so days and weekdays unite.
        #expect(try CronSyntax.parse("0 0 1-31 * 1").daysOfMonth == .only(Array(1...31)))
    }

    @Test("question marks and stars leave the day fields unrestricted")
    func unrestrictedDayFields() throws {
        let cron = try CronSyntax.parse("0 0 ? * *")
        #expect(cron.daysOfMonth == .every)
        #expect(!cron.isDayOfMonthRestricted && !cron.isDayOfWeekRestricted)
    }

    @Test("last-day and nth-weekday forms are recorded")
    func specialDayForms() throws {
        let last = try CronSyntax.parse("0 0 L * *")
        #expect(last.includesLastDayOfMonth && last.isDayOfMonthRestricted)
        #expect(last.daysOfMonth == .only([]))
        let nth = try CronSyntax.parse("0 0 * * 1#2,L5")
        #expect(nth.nthWeekdays == [
            CronSyntax.NthWeekday(weekday: 1, occurrence: 2),
            CronSyntax.NthWeekday(weekday: 5, occurrence: nil),
        ])
        #expect(nth.daysOfWeek == .only([1, 5]))
    }

    @Test("aliases expand to their five fields and keep the text as written")
    func aliasesExpand() throws {
        let weekly = try CronSyntax.parse("@weekly")
        #expect(weekly.text == "@weekly")
        #expect(weekly.minutes == .only([0]) && weekly.hours == .only([0]))
        #expect(weekly.daysOfWeek == .only([0]))
        #expect(try CronSyntax.parse("@yearly").months == .only([1]))
    }

    @Test("a February 29 cron is valid because leap years have it")
    func leapDayIsValid() throws {
        let cron = try CronSyntax.parse("0 0 29 2 *")
        #expect(cron.daysOfMonth == .only([29]) && cron.months == .only([2]))
    }

    @Test("never-fires messages name the month")
    func neverFiresMessages() {
        #expect(CronSyntax.ParseError.dayNeverInMonths(days: [31], months: [4]).description
            == "never fires: April has 30 days")
        #expect(CronSyntax.ParseError.dayNeverInMonths(days: [30], months: [2]).description
            == "never fires: February has at most 29 days")
        #expect(CronSyntax.ParseError.dayNeverInMonths(days: [31], months: [4, 6]).description
            == "never fires: day 31 does not occur in April, June")
    }

    @Test("errors read as operator messages with hints")
    func errorMessages() {
        let step = CronSyntax.ParseError.stepOutOfRange(field: .minute, step: 90, allowed: 1...59)
        #expect(step.description == "step 90 in the minute field is out of range 1-59")
        #expect(step.hint?.contains("between 1 and 59") == true)
        let last = CronSyntax.ParseError.invalidElement(field: .dayOfWeek, element: "5L")
        #expect(last.description == "invalid day-of-week value '5L'")
        #expect(last.hint?.contains("'L5'") == true)
        #expect(CronSyntax.ParseError.wrongFieldCount(6).description
            == "expected 5 fields (minute hour day-of-month month day-of-week), found 6")
    }
}
