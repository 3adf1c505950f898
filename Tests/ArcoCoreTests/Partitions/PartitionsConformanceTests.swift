import Foundation
import Testing

@testable import ArcoCore

/// Checks `TimeWindowPartitionSet` against every time-window case of the Dagster-generated
/// `partitions.jsonl`; static and multi cases belong to another suite and are only counted.
@Suite("Time-window partitions conformance (Dagster vectors)")
struct PartitionsConformanceTests {
    static let conformanceFile: URL = ConformanceVectors.url("partitions.jsonl")

    static let timeWindowTypes: Set<String> = [
        "daily", "hourly", "weekly", "monthly", "time_window",
    ]

    /// One line of `partitions.jsonl`.
    struct Case: CustomStringConvertible {
        let id: String
        let type: String
        let definition: [String: Any]
        let now: Timestamp
        let expected: [String: Any]

        var description: String { id }
    }

    static func loadCases() throws -> [Case] {
        return try ConformanceVectors.objects("partitions.jsonl").map { object in
            let input = try #require(object["input"] as? [String: Any])
            let definition = try #require(input["def"] as? [String: Any])
            let nowText = try #require(input["now"] as? String)
            return Case(
                id: try #require(object["id"] as? String),
                type: try #require(definition["type"] as? String), definition: definition,
                now: try #require(Timestamp(iso8601: nowText)),
                expected: try #require(object["expected"] as? [String: Any]))
        }
    }

    /// Builds the definition from Dagster's option names.
    static func definition(_ def: [String: Any]) throws -> TimeWindowPartitions {
        let minute = def["minute_offset"] as? Int ?? 0
        let hour = def["hour_offset"] as? Int ?? 0
        let cadence: TimeWindowCadence
        switch def["type"] as? String {
        case "hourly": cadence = .hourly(minuteOffset: minute)
        case "daily": cadence = .daily(minuteOffset: minute, hourOffset: hour)
        case "weekly":
            cadence = .weekly(minuteOffset: minute, hourOffset: hour,
                dayOffset: def["day_offset"] as? Int ?? 0)
        case "monthly":
            cadence = .monthly(minuteOffset: minute, hourOffset: hour,
                dayOffset: def["day_offset"] as? Int ?? 1)
        default:
            let cron = try #require(def["cron_schedule"] as? String)
            cadence = .cron(try CronSyntax.parse(cron))
        }
        let startText = try #require(def["start"] as? String)
        let start = try #require(WallDateTime.parse(startText))
        let end = try (def["end"] as? String).map { try #require(WallDateTime.parse($0)) }
        let exclusions = try (def["exclusions"] as? [String] ?? []).map { text in
            if let wall = WallDateTime.parse(text) { return PartitionExclusion.dateTime(wall) }
            return .cron(try CronSyntax.parse(text))
        }
        return TimeWindowPartitions(cadence: cadence, start: start, end: end,
            timezone: def["timezone"] as? String ?? "UTC", format: def["fmt"] as? String,
            endOffset: def["end_offset"] as? Int ?? 0, exclusions: exclusions)
    }

    static func instants(_ texts: Any?) throws -> [Timestamp] {
        try (texts as? [String] ?? []).map { try #require(Timestamp(iso8601: $0), "\($0)") }
    }

    @Test("the file holds time-window, static and multi cases; every time-window one is checked")
    func casesAreCounted() throws {
        let cases = try Self.loadCases()
        let timeWindow = cases.filter { Self.timeWindowTypes.contains($0.type) }
        let others = cases.filter { $0.type == "static" || $0.type == "multi" }
        #expect(timeWindow.count == 55)
        #expect(others.count == 9, "static and multi cases: PartitionSetConformanceTests")
        #expect(timeWindow.count + others.count == cases.count)
    }

    @Test("keys, counts and windows match Dagster's for every valid time-window definition")
    func keysAndWindowsMatch() throws {
        let cases = try Self.loadCases().filter {
            Self.timeWindowTypes.contains($0.type) && $0.expected["ok"] as? Bool == true
        }
        #expect(cases.count == 54)
        for testCase in cases {
            let set = try TimeWindowPartitionSet(try Self.definition(testCase.definition))
            let keys = set.keys(now: testCase.now)
            #expect(keys == testCase.expected["keys"] as? [String], "\(testCase)")
            #expect(set.count(now: testCase.now) == testCase.expected["num_partitions"] as? Int,
                "\(testCase)")
            let windows = set.windows(now: testCase.now)
            let expected = try #require(testCase.expected["windows"] as? [[String]])
            #expect(windows.map(\.key) == keys, "\(testCase)")
            #expect(windows.count == expected.count, "\(testCase)")
            for (window, pair) in zip(windows, expected) {
                let bounds = try Self.instants(pair)
                #expect([window.start.instant, window.end.instant] == bounds,
                    "\(testCase) \(window.key): \(window.start)..\(window.end) vs \(pair)")
            }
        }
    }

    @Test("key lookups match Dagster's has_partition_key, window and errors")
    func lookupsMatch() throws {
        var checked = 0
        for testCase in try Self.loadCases() where Self.timeWindowTypes.contains(testCase.type) {
            guard let lookups = testCase.expected["lookups"] as? [[String: Any]] else { continue }
            let set = try TimeWindowPartitionSet(try Self.definition(testCase.definition))
            for lookup in lookups {
                let key = try #require(lookup["key"] as? String)
                let has = try #require(lookup["has_partition_key"] as? Bool)
                checked += 1
                #expect(set.hasKey(key, now: testCase.now) == has, "\(testCase) '\(key)'")
                if lookup["error"] != nil {
                    #expect(throws: TimeWindowPartitionError.self, "\(testCase) '\(key)'") {
                        try set.window(forKey: key)
                    }
                    continue
                }
                let window = try set.window(forKey: key)
                let bounds = try Self.instants([lookup["start"], lookup["end"]])
                #expect([window.start.instant, window.end.instant] == bounds,
                    "\(testCase) '\(key)': \(window.start)..\(window.end)")
            }
        }
        #expect(checked > 150)
    }

    @Test("definitions Dagster refuses are refused")
    func refusedDefinitions() throws {
        let cases = try Self.loadCases().filter {
            Self.timeWindowTypes.contains($0.type) && $0.expected["ok"] as? Bool == false
        }
        #expect(cases.map(\.id) == ["edge-126"])
        for testCase in cases {
            let definition = try Self.definition(testCase.definition)
            #expect(throws: TimeWindowPartitionError.self, "\(testCase)") {
                try TimeWindowPartitionSet(definition)
            }
        }
    }
}
