import Foundation
import Testing

@testable import ArcoCore

/// Checks `CronSyntax` against every cron in the Dagster-generated conformance file.
@Suite("Cron conformance (Dagster vectors)")
struct CronConformanceTests {
    /// One line of `cron.jsonl`, reduced to what syntax validation needs.
    struct Case: CustomStringConvertible {
        let id: String
        let crons: [String]
        let timezone: String?
        let isValid: Bool
        let warnsOutOfRange: Bool
        let errorKind: String?

        var description: String { "\(id): \(crons)" }
    }

    static let conformanceFile: URL = ConformanceVectors.url("cron.jsonl")

    static func loadCases() throws -> [Case] {
        return try ConformanceVectors.objects("cron.jsonl").map { object in
            let input = try #require(object["input"] as? [String: Any])
            let expected = try #require(object["expected"] as? [String: Any])
            var crons = input["cron"] as? [String] ?? []
            if crons.isEmpty { crons = [try #require(input["cron"] as? String)] }
            let error = expected["error"] as? [String: Any]
            return Case(
                id: try #require(object["id"] as? String), crons: crons,
                timezone: input["tz"] as? String, isValid: expected["valid"] as? Bool ?? false,
                warnsOutOfRange: expected["warn_out_of_range"] as? Bool ?? false,
                errorKind: error?["kind"] as? String)
        }
    }

    @Test("the conformance file is present and covers every expectation kind")
    func fileIsComplete() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 140)
        #expect(cases.contains { $0.warnsOutOfRange })
        #expect(cases.contains { $0.errorKind == "invalid_cron" })
        #expect(cases.contains { $0.errorKind == "dagster_exception" })
        #expect(cases.contains { $0.errorKind == "invalid_timezone" })
    }

    @Test("every cron Dagster accepts without a warning parses")
    func validCronsParse() throws {
        let cases = try Self.loadCases().filter { $0.isValid && !$0.warnsOutOfRange }
        #expect(cases.count > 100)
        for testCase in cases {
            for cron in testCase.crons {
                #expect(throws: Never.self, "\(testCase.id) '\(cron)'") {
                    try CronSyntax.parse(cron)
                }
            }
        }
    }

    @Test("crons Dagster accepts only with an out-of-range warning are rejected")
    func outOfRangeStepsAreRejected() throws {
        let cases = try Self.loadCases().filter(\.warnsOutOfRange)
        #expect(!cases.isEmpty)
        for testCase in cases {
            for cron in testCase.crons {
                let error = #expect(throws: CronSyntax.ParseError.self, "\(testCase.id)") {
                    try CronSyntax.parse(cron)
                }
                guard case .stepOutOfRange? = error else {
                    let found = String(describing: error)
                    Issue.record("\(testCase.id): expected stepOutOfRange, got \(found)")
                    continue
                }
            }
        }
    }

    @Test("crons Dagster rejects are rejected")
    func invalidCronsAreRejected() throws {
        let cases = try Self.loadCases().filter { $0.errorKind == "invalid_cron" }
        #expect(!cases.isEmpty)
        for testCase in cases {
            for cron in testCase.crons {
                #expect(throws: CronSyntax.ParseError.self, "\(testCase.id) '\(cron)'") {
                    try CronSyntax.parse(cron)
                }
            }
        }
    }

    @Test("crons whose Dagster iterator raises are rejected as never firing")
    func dagsterExceptionsAreRejectedAsNeverFiring() throws {
        let cases = try Self.loadCases().filter { $0.errorKind == "dagster_exception" }
        #expect(cases.count >= 2)
        for testCase in cases {
            for cron in testCase.crons {
                let error = #expect(throws: CronSyntax.ParseError.self, "\(testCase.id)") {
                    try CronSyntax.parse(cron)
                }
                switch error {
                case .dayNeverInMonths?, .nthWeekdayNeverOnDayOfMonth?: break
                default:
                    let found = String(describing: error)
                    Issue.record("\(testCase.id): not a never-fires error: \(found)")
                }
            }
        }
    }

    @Test("the invalid time zone case parses as a cron but fails the time zone check")
    func invalidTimeZoneIsRejected() throws {
        let cases = try Self.loadCases().filter { $0.errorKind == "invalid_timezone" }
        #expect(!cases.isEmpty)
        for testCase in cases {
            let timezone = try #require(testCase.timezone)
            #expect(!WorkspaceDecoding.isTimeZone(timezone), "\(timezone)")
            for cron in testCase.crons { _ = try CronSyntax.parse(cron) }
        }
    }

    @Test("every time zone used by a valid case is accepted")
    func validTimeZonesAreAccepted() throws {
        let zones = Set(try Self.loadCases().filter(\.isValid).compactMap(\.timezone))
        #expect(zones.count > 10)
        for zone in zones { #expect(WorkspaceDecoding.isTimeZone(zone), "\(zone)") }
    }
}
