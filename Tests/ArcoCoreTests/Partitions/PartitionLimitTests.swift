import Testing

@testable import ArcoCore

/// `Limits.partitionsPerDefinitionMax`, `end_offset` bounds, and what keys and text may hold.
@Suite("Partition limits")
struct PartitionLimitTests {
    static func instant(_ text: String) throws -> Timestamp {
        try #require(Timestamp(iso8601: text), "\(text)")
    }

    static func set(
        _ cadence: TimeWindowCadence, start: String, zone: String = "UTC", endOffset: Int = 0
    ) throws -> TimeWindowPartitionSet {
        try TimeWindowPartitionSet(TimeWindowPartitions(
            cadence: cadence, start: try #require(WallDateTime.parse(start)), timezone: zone,
            format: "%Y-%m-%d-%H:%M", endOffset: endOffset))
    }

    @Test("a set of exactly the limit passes and one more window does not, at the real limit")
    func realLimitEdge() throws {
        let limit = Limits.partitionsPerDefinitionMax
        let minutely = try Self.set(.cron(try CronSyntax.parse("* * * * *")), start: "2024-01-01")
        // A minute's window ends a minute after it starts: `limit` minutes later, `limit` windows.
        let atLimit = try Self.instant("2024-01-01T00:00:00Z").advanced(byMicroseconds: Int64(limit) * 60_000_000)
        #expect(!PartitionSet.timeWindow(minutely).hasMore(than: limit, now: atLimit))
        #expect(PartitionSet.timeWindow(minutely).hasMore(than: limit, now: atLimit.advanced(byMicroseconds: 60_000_000)))
    }

    @Test("the span shortcut and the walk agree at the edge, across DST, for every kind of cron",
        arguments: ["0 * * * *", "30 2 * * *", "*/7 * * * *", "0 0 * * 1"])
    func shortcutAgreesWithCount(cron: String) throws {
        let set = try Self.set(.cron(try CronSyntax.parse(cron)), start: "2024-03-01", zone: "America/New_York")
        let now = try Self.instant("2024-11-10T00:00:00Z")
        let count = set.count(now: now)
        #expect(count > 0)
        for limit in [count - 1, count, count + 1] {
            #expect(set.hasMore(than: limit, now: now) == (count > limit), "limit \(limit), count \(count)")
        }
    }

    struct SpacingCase: CustomTestStringConvertible, Sendable {
        let cron: String
        let zone: String
        let start: String
        let now: String
        var testDescription: String { "\(cron) in \(zone) from \(start)" }
    }

    /// Zones whose transitions are odd: 30-minute DST, 2-hour DST, a skipped day, a
    /// seconds-precision offset (Amsterdam, +00:19:32 until 1937).
    static let spacingCases: [SpacingCase] = ["0 * * * *", "30 2 * * *", "15 */3 * * *", "*/7 * * * *"].flatMap { cron in
        [
            ("America/New_York", "2023-01-01", "2025-01-01T00:00:00Z"), ("Australia/Lord_Howe", "2023-01-01", "2025-01-01T00:00:00Z"),
            ("Antarctica/Troll", "2023-01-01", "2025-01-01T00:00:00Z"), ("Pacific/Apia", "2011-06-01", "2012-06-01T00:00:00Z"),
            ("Europe/Amsterdam", "1936-06-01", "1938-06-01T00:00:00Z"),
        ].map { SpacingCase(cron: cron, zone: $0.0, start: $0.1, now: $0.2) }
    }

    @Test("the span shortcut never undercounts: windows never outnumber 2 × span / spacing + 1", arguments: spacingCases)
    func spacingBoundHolds(spacing: SpacingCase) throws {
        let cron = try CronSyntax.parse(spacing.cron)
        let set = try Self.set(.cron(cron), start: spacing.start, zone: spacing.zone)
        let starts = set.windowStarts(now: try Self.instant(spacing.now))
        let first = try #require(starts.first)
        let last = try #require(starts.last)
        let ratio = (last.secondsSinceEpoch - first.secondsSinceEpoch) / TimeWindowPartitionSet.shortestTickSpacingSeconds([cron])
        // `hasMore` answers "no" without walking when ratio < limit / 2; that is right only if
        // the count never passes 2 × ratio + 1.
        #expect(Int64(starts.count) <= 2 * ratio + 1, "\(starts.count) windows, ratio \(ratio)")
        let count = starts.count
        for limit in [count - 1, count, Int(2 * ratio + 2)] {
            #expect(set.hasMore(than: limit, now: try Self.instant(spacing.now)) == (count > limit), "limit \(limit)")
        }
    }

    @Test("a multi set counts the product, without overflow, and an empty dimension makes it empty")
    func multiProduct() throws {
        let big = PartitionSet.keys((0..<1_001).map(String.init))
        let three = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "a", set: big), PartitionDimension(name: "b", set: big),
            PartitionDimension(name: "c", set: big),
        ])
        let now = try Self.instant("2024-01-01T00:00:00Z")
        #expect(three.hasMore(than: Limits.partitionsPerDefinitionMax, now: now))
        #expect(!three.hasMore(than: Int.max, now: now))
        let empty = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "a", set: big), PartitionDimension(name: "b", set: .keys([])),
        ])
        #expect(!empty.hasMore(than: 0, now: now))
        #expect(empty.keys(now: now).isEmpty && empty.keys(now: now, limit: 10).isEmpty)
        #expect(PartitionSet.keys([]).count(now: now) == 0)
    }

    @Test("an end_offset of Int.min or Int.max is refused, not trapped on", arguments: [Int.min, Int.max, 100_001, -100_001])
    func extremeEndOffsets(offset: Int) throws {
        #expect(throws: TimeWindowPartitionError.endOffsetOutOfRange(offset)) {
            _ = try Self.set(.daily(minuteOffset: 0, hourOffset: 0), start: "2024-01-01", endOffset: offset)
        }
        #expect(throws: Never.self) {
            _ = try Self.set(.daily(minuteOffset: 0, hourOffset: 0), start: "2024-01-01", endOffset: -Limits.windowOffsetMagnitudeMax)
        }
    }

    @Test("C1 control characters, NEL included, are refused in keys like C0 ones; other characters are not")
    func c1Controls() {
        for key in ["a\u{85}b", "\u{80}", "x\u{9F}", "tab\t", "del\u{7F}"] {
            #expect(PartitionKeyRules.problem(with: key, insideMulti: false) == "control characters are not allowed", "\(key)")
        }
        for key in ["nbsp\u{A0}", "é", "😀", "a;b"] {
            #expect(PartitionKeyRules.problem(with: key, insideMulti: false) == nil, "\(key)")
        }
        #expect(PartitionKeyRules.printable("a\u{85}b\u{9B}") == "a\\u{85}b\\u{9B}")
    }

    @Test("strict UTF-8 finds the first invalid byte with its line and column; valid text decodes")
    func strictUTF8() {
        #expect(StrictUTF8.decode(Array("café\n😀".utf8)) == "café\n😀")
        let bytes = Array("ab\ncé".utf8) + [0xFF, 0xFE]
        #expect(StrictUTF8.decode(bytes) == nil)
        #expect(StrictUTF8.firstInvalid(in: bytes) == StrictUTF8.Position(offset: 6, line: 2, column: 3))
        // A truncated sequence and an overlong encoding are invalid too.
        #expect(StrictUTF8.firstInvalid(in: [0x61, 0xC3]) == StrictUTF8.Position(offset: 1, line: 1, column: 2))
        #expect(StrictUTF8.firstInvalid(in: [0xC0, 0xAF]) != nil)
    }
}
