import Testing

@testable import ArcoCore

/// Behaviour of `TimeWindowPartitionSet` beyond the Dagster vectors: size, paging, fall-back keys.
@Suite("Time-window partition sets")
struct TimeWindowPartitionSetTests {
    static func instant(_ text: String) throws -> Timestamp {
        try #require(Timestamp(iso8601: text), "\(text)")
    }

    static func hourly(_ start: String, zone: String) throws -> TimeWindowPartitionSet {
        let wall = try #require(WallDateTime.parse(start))
        return try TimeWindowPartitionSet(
            TimeWindowPartitions(cadence: .hourly(minuteOffset: 0), start: wall, timezone: zone))
    }

    @Test("ten years of hourly keys in a DST zone: one per real hour, first and last as expected")
    func tenYearsOfHourlyKeys() throws {
        let set = try Self.hourly("2015-01-01-00:00", zone: "America/New_York")
        let now = try Self.instant("2025-01-01T00:00:00-05:00")
        let keys = set.keys(now: now)
        // 3,653 days of real hours: a skipped hour has no key, a repeated one has two.
        #expect(keys.count == 3653 * 24)
        #expect(set.count(now: now) == keys.count)
        #expect(keys.first == "2015-01-01-00:00")
        #expect(keys.last == "2024-12-31-23:00")
        #expect(keys.contains("2024-11-03-01:00-0500"))
        #expect(!keys.contains("2024-03-10-02:00"))
        #expect(Set(keys).count == keys.count)
    }

    @Test("a page starts at the given key and matches the same slice of all keys")
    func pagingMatchesTheFullList() throws {
        let set = try Self.hourly("2024-11-01-00:00", zone: "America/New_York")
        let now = try Self.instant("2024-11-05T00:00:00-05:00")
        let all = set.keys(now: now)
        let suffixed = try #require(all.firstIndex(of: "2024-11-03-01:00-0500"))
        #expect(try set.keys(now: now, from: nil, limit: 3) == Array(all.prefix(3)))
        #expect(try set.keys(now: now, from: all[suffixed], limit: 4)
            == Array(all[suffixed..<suffixed + 4]))
        #expect(try set.keys(now: now, from: all[all.count - 2], limit: 10)
            == Array(all.suffix(2)))
        #expect(try set.keys(now: now, from: "2024-11-10-00:00", limit: 10).isEmpty)
        #expect(throws: TimeWindowPartitionError.self) {
            try set.keys(now: now, from: "not-a-key", limit: 10)
        }
    }

    @Test("the second pass of a repeated hour is its own key, window and member")
    func fallBackKeyHasItsOwnWindow() throws {
        let set = try Self.hourly("2024-11-03-00:00", zone: "America/New_York")
        let now = try Self.instant("2024-11-03T04:00:00-05:00")
        let first = try set.window(forKey: "2024-11-03-01:00")
        let second = try set.window(forKey: "2024-11-03-01:00-0500")
        #expect(first.start.instant == (try Self.instant("2024-11-03T01:00:00-04:00")))
        #expect(second.start.instant == (try Self.instant("2024-11-03T01:00:00-05:00")))
        #expect(second.key == "2024-11-03-01:00-0500")
        #expect(second.start.iso8601 == "2024-11-03T01:00:00-05:00")
        #expect(set.hasKey("2024-11-03-01:00", now: now))
        #expect(set.hasKey("2024-11-03-01:00-0500", now: now))
    }

    @Test("end_offset extends and shrinks the set; end caps it")
    func endOffsetAndEnd() throws {
        func daily(endOffset: Int, end: String? = nil) throws -> [String] {
            let definition = TimeWindowPartitions(
                cadence: .daily(minuteOffset: 0, hourOffset: 0),
                start: try #require(WallDateTime.parse("2024-01-01")),
                end: end.flatMap(WallDateTime.parse), endOffset: endOffset)
            return try TimeWindowPartitionSet(definition)
                .keys(now: try Self.instant("2024-01-04T12:00:00Z"))
        }
        #expect(try daily(endOffset: 0) == ["2024-01-01", "2024-01-02", "2024-01-03"])
        #expect(try daily(endOffset: 2).last == "2024-01-05")
        #expect(try daily(endOffset: -2) == ["2024-01-01"])
        #expect(try daily(endOffset: -5).isEmpty)
        #expect(try daily(endOffset: 3, end: "2024-01-03") == ["2024-01-01", "2024-01-02"])
    }

    @Test("an unknown zone and a format that merges windows are refused")
    func invalidDefinitions() throws {
        let start = try #require(WallDateTime.parse("2024-01-01"))
        #expect(throws: TimeWindowPartitionError.unknownTimeZone("Mars/Olympus")) {
            try TimeWindowPartitionSet(TimeWindowPartitions(
                cadence: .daily(minuteOffset: 0, hourOffset: 0), start: start,
                timezone: "Mars/Olympus"))
        }
        #expect(throws: TimeWindowPartitionError.formatTooCoarse(format: "%Y-%m", key: "2024-01")) {
            try TimeWindowPartitionSet(TimeWindowPartitions(
                cadence: .daily(minuteOffset: 0, hourOffset: 0), start: start, format: "%Y-%m"))
        }
    }
}
