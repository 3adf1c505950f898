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

    @Test("a positive end_offset near start follows Dagster: counted from now, first window alone")
    func endOffsetNearStart() throws {
        let definition = TimeWindowPartitions(
            cadence: .daily(minuteOffset: 0, hourOffset: 0), start: try #require(WallDateTime.parse("2024-01-10")),
            endOffset: 2)
        let set = try TimeWindowPartitionSet(definition)
        func keys(_ now: String) throws -> [String] { set.keys(now: try Self.instant(now)) }
        // The first window exists once it ends by the start of the 2nd window after the one
        // starting at or after now.
        #expect(try keys("2024-01-05T12:00:00Z") == [])
        #expect(try keys("2024-01-08T00:00:00Z") == [])
        #expect(try keys("2024-01-08T12:00:00Z") == ["2024-01-10"])
        #expect(try keys("2024-01-09T12:00:00Z") == ["2024-01-10"])
        #expect(try keys("2024-01-10T12:00:00Z") == ["2024-01-10", "2024-01-11"])
        #expect(try keys("2024-01-12T00:00:00Z") == ["2024-01-10", "2024-01-11", "2024-01-12", "2024-01-13"])
        #expect(set.count(now: try Self.instant("2024-01-08T12:00:00Z")) == 1)
    }

    @Test("ADR 0006: a day-long gap that would give two windows one key is refused, not listed twice")
    func apiaGap() throws {
        func daily(hourOffset: Int) throws -> TimeWindowPartitionSet {
            try TimeWindowPartitionSet(TimeWindowPartitions(
                cadence: .daily(minuteOffset: 0, hourOffset: hourOffset),
                start: try #require(WallDateTime.parse("2011-12-27")), timezone: "Pacific/Apia"))
        }
        // Apia skipped 2011-12-30; windows starting at 01:00 get a short one from 00:00 on the
        // 31st (the end of the gap) and another at 01:00: both would be key 2011-12-31.
        #expect(throws: TimeWindowPartitionError.self) { try daily(hourOffset: 1) }
        // Midnight windows have no such collision: the 30th is simply missing.
        let midnight = try daily(hourOffset: 0)
        #expect(midnight.keys(now: try Self.instant("2012-01-02T12:00:00Z")) == [
            "2011-12-27", "2011-12-28", "2011-12-29", "2011-12-31", "2012-01-01", "2012-01-02",
        ])
    }

    @Test("ADR 0006: a cron with no tick for nine years has no usable windows")
    func rareCron() throws {
        let definition = TimeWindowPartitions(
            cadence: .cron(try CronSyntax.parse("0 0 * 2 0#5")), start: try #require(WallDateTime.parse("2016-03-01")))
        #expect(throws: TimeWindowPartitionError.self) { try TimeWindowPartitionSet(definition) }
    }

    @Test("a format is taken without walking the windows only when it shows every tick", arguments: [
        ("%Y-%m-%d", "0 0 * * *", false, true),
        ("%Y-%m-%d", "0 0 * * *", true, false),
        ("%Y-%j", "30 6 * * 1", false, true),
        ("%Y-%m-%d", "0 0,12 * * *", false, false),
        ("%Y-%m-%d-%H", "0 0,12 * * *", false, true),
        ("%Y-%m-%d-%H", "*/15 * * * *", false, false),
        ("%Y-%m-%d %H:%M", "*/15 * * * *", false, true),
        ("%Y-%m-%d %H:%M", "*/15 * * * *", true, true),
        ("%y-%m-%d", "0 0 * * *", false, false),
        ("%m-%d", "0 0 * * *", false, false),
        ("%Y-%m", "0 0 * * *", false, false),
    ])
    func formatShortcut(format: String, cron: String, changingOffsets: Bool, shortcut: Bool) throws {
        let syntax = try CronSyntax.parse(cron)
        #expect(TimeWindowPartitionSet.formatShowsEveryTick(
            StrftimeFormat(format), [syntax], changingOffsets: changingOffsets) == shortcut)
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
        // Without hours, two windows of a twice-daily cron share a key.
        #expect(throws: TimeWindowPartitionError.formatTooCoarse(format: "%Y-%m-%d", key: "2024-01-01")) {
            try TimeWindowPartitionSet(TimeWindowPartitions(
                cadence: .cron(try CronSyntax.parse("0 0,12 * * *")), start: start, format: "%Y-%m-%d"))
        }
    }
}
