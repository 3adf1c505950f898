import ArcoCore
import Testing

/// Regressions found in review: each fails if its fix is undone.
@Suite struct PartitionReviewRegressionTests {
    static let now = Timestamp(iso8601: "2024-03-01T00:00:00Z") ?? Timestamp(secondsSinceEpoch: 0)

    static func hourly(exclusions: [PartitionExclusion] = []) throws -> TimeWindowPartitionSet {
        let start = try #require(WallDateTime.parse("2024-01-01"))
        return try TimeWindowPartitionSet(
            TimeWindowPartitions(cadence: .hourly(minuteOffset: 0), start: start, exclusions: exclusions))
    }

    @Test("a key format that repeats after the first two windows is refused")
    func coarseFormatLaterCollision() throws {
        let start = try #require(WallDateTime.parse("2024-01-01T23:00"))
        let definition = TimeWindowPartitions(
            cadence: .cron(try CronSyntax.parse("0 0,23 * * *")), start: start, format: "%Y-%m-%d")
        #expect(throws: TimeWindowPartitionError.self) { try TimeWindowPartitionSet(definition) }
    }

    @Test("an absurd end_offset is refused instead of walked")
    func endOffsetCap() throws {
        let start = try #require(WallDateTime.parse("2024-01-01"))
        let definition = TimeWindowPartitions(cadence: .hourly(minuteOffset: 0), start: start, endOffset: 100_000_000)
        #expect(throws: TimeWindowPartitionError.self) { try TimeWindowPartitionSet(definition) }
    }

    @Test("only the printed spelling of a time key has an identity")
    func aliasesHaveNoIdentity() throws {
        let set = PartitionSet.timeWindow(try Self.hourly())
        #expect(set.canonicalKey(for: "2024-01-01-05:00") != nil)
        #expect(set.canonicalKey(for: "2024-01-01-05:30") == nil)
    }

    @Test("the basic-cadence shortcut does not apply to a definition with exclusions")
    func basicCadenceWithExclusions() throws {
        let excluded = try Self.hourly(exclusions: [.cron(try CronSyntax.parse("0 3 * * *"))])
        #expect(!excluded.hasKey("2024-01-01-05:30", now: Self.now))
        #expect(excluded.hasKey("2024-01-01-05:00", now: Self.now))
        #expect(!excluded.hasKey("2024-01-01-03:00", now: Self.now))
    }

    @Test("a limited multi listing equals the start of the full product")
    func limitedMultiProduct() throws {
        let set = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "a", set: .timeWindow(try Self.hourly())),
            PartitionDimension(name: "b", set: .keys(["x", "y", "z"])),
        ])
        let full = set.keys(now: Self.now)
        for limit in [0, 1, 2, 5, 7] { #expect(set.keys(now: Self.now, limit: limit) == Array(full.prefix(limit))) }
        #expect(set.keys(now: Self.now, limit: full.count + 10) == full)
    }
}
