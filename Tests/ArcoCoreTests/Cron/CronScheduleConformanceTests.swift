import Foundation
import Testing

@testable import ArcoCore

/// Checks `CronSchedule` ticks against every valid case of the Dagster-generated `cron.jsonl`.
@Suite("CronSchedule conformance (Dagster vectors)")
struct CronScheduleConformanceTests {
    /// One valid line of `cron.jsonl`.
    struct Case: CustomStringConvertible {
        let id: String
        let tags: [String]
        let crons: [String]
        let timezone: String
        let start: Timestamp
        let end: Timestamp
        let limit: Int
        let ticks: [Timestamp]

        var description: String { "\(id): \(crons) in \(timezone)" }
    }

    static func loadCases() throws -> [Case] {
        let text = try String(contentsOf: CronConformanceTests.conformanceFile, encoding: .utf8)
        var cases: [Case] = []
        for line in text.split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let input = try #require(object["input"] as? [String: Any])
            let expected = try #require(object["expected"] as? [String: Any])
            guard expected["valid"] as? Bool == true,
                expected["warn_out_of_range"] as? Bool != true
            else { continue }
            var crons = input["cron"] as? [String] ?? []
            if crons.isEmpty { crons = [try #require(input["cron"] as? String)] }
            let ticks = try (expected["ticks"] as? [String] ?? []).map {
                try #require(Timestamp(iso8601: $0), "\($0)")
            }
            let startText = try #require(input["start"] as? String)
            let endText = try #require(input["end"] as? String)
            cases.append(Case(
                id: try #require(object["id"] as? String),
                tags: object["tags"] as? [String] ?? [], crons: crons,
                timezone: input["tz"] as? String ?? "UTC",
                start: try #require(Timestamp(iso8601: startText)),
                end: try #require(Timestamp(iso8601: endText)),
                limit: input["limit"] as? Int ?? 2000, ticks: ticks))
        }
        return cases
    }

    static func ticks(_ testCase: Case) throws -> [Timestamp] {
        let crons = try testCase.crons.map { try CronSyntax.parse($0) }
        let schedule = try #require(
            CronSchedule(crons: crons, timeZoneIdentifier: testCase.timezone))
        return schedule.ticks(from: testCase.start, until: testCase.end, limit: testCase.limit)
    }

    /// A readable difference between arco's ticks and Dagster's, for the failure message.
    static func difference(_ ticks: [Timestamp], _ testCase: Case) -> String {
        let missing = testCase.ticks.filter { !ticks.contains($0) }.prefix(4).map(\.iso8601)
        let extra = ticks.filter { !testCase.ticks.contains($0) }.prefix(4).map(\.iso8601)
        return "\(testCase) \(testCase.tags): missing \(missing), extra \(extra), "
            + "\(ticks.count) ticks instead of \(testCase.ticks.count)"
    }

    @Test("every valid case without an out-of-range warning matches Dagster's ticks exactly")
    func ticksMatchDagster() throws {
        let cases = try Self.loadCases()
        #expect(cases.count == 139)
        for testCase in cases {
            let ticks = try Self.ticks(testCase)
            #expect(ticks == testCase.ticks, "\(Self.difference(ticks, testCase))")
        }
    }

    @Test("quirk cases (transitions outside 01-03h, 2 h or 45 min long) match Dagster too")
    func quirkCasesMatch() throws {
        let quirks = try Self.loadCases().filter { $0.tags.contains { $0.hasPrefix("quirk-") } }
        #expect(quirks.count == 26)
        #expect(Set(quirks.flatMap(\.tags).filter { $0.hasPrefix("quirk-") })
            == ["quirk-dst-outside-1-3h", "quirk-2h-dst", "quirk-45min-transition"])
        for testCase in quirks {
            let ticks = try Self.ticks(testCase)
            #expect(ticks == testCase.ticks, "\(Self.difference(ticks, testCase))")
        }
    }

    @Test("every brief case is matched exactly")
    func briefCasesMatch() throws {
        let brief = try Self.loadCases().filter { $0.tags.contains("brief") }
        #expect(brief.count == 32)
        for testCase in brief {
            #expect(try Self.ticks(testCase) == testCase.ticks, "\(testCase)")
        }
    }
}
