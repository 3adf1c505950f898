import ArcoCore
import Testing

/// Every mapping type, including daylight-saving days and month ends.
@Suite struct PartitionMapperTests {
    static let now = Timestamp(secondsSinceEpoch: 1_893_456_000)  // 2030-01-01

    static func timeWindows(_ cadence: TimeWindowCadence, zone: String = "UTC", start: String = "2024-01-01") throws
        -> PartitionSet
    {
        let wall = try #require(WallDateTime.parse(start))
        return .timeWindow(try TimeWindowPartitionSet(TimeWindowPartitions(cadence: cadence, start: wall, timezone: zone)))
    }

    static func keys(
        _ key: String?, _ down: PartitionSet?, _ up: PartitionSet?, _ mapping: PartitionMapping? = nil
    ) throws -> [String] {
        guard case .keys(let keys) = try PartitionMapper.upstream(of: key, downstream: down, upstream: up, mapping: mapping, now: now)
        else { return ["<unpartitioned>"] }
        return keys
    }

    @Test("identity, all, last and specific")
    func simpleMappings() throws {
        let regions = PartitionSet.keys(["us", "eu", "apac"])
        #expect(try Self.keys("eu", regions, regions) == ["eu"])
        #expect(try Self.keys("eu", regions, regions, .all) == ["us", "eu", "apac"])
        #expect(try Self.keys("eu", regions, regions, .last) == ["apac"])
        #expect(try Self.keys("eu", regions, regions, .specific(keys: ["us"])) == ["us"])
        #expect(try Self.keys(nil, nil, regions) == ["us", "eu", "apac"], "unpartitioned downstream depends on all")
        #expect(try Self.keys("eu", regions, nil) == ["<unpartitioned>"])
    }

    @Test("the inferred defaults are Dagster's")
    func inferred() throws {
        let daily = try Self.timeWindows(.daily(minuteOffset: 0, hourOffset: 0))
        let keys = PartitionSet.keys(["a"])
        let multi = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "date", set: daily), PartitionDimension(name: "k", set: keys),
        ])
        #expect(PartitionMapper.inferredMapping(downstream: daily, upstream: daily) == .timeWindow(startOffset: 0, endOffset: 0))
        #expect(PartitionMapper.inferredMapping(downstream: multi, upstream: daily) == .multiToSingle(dimension: nil))
        #expect(PartitionMapper.inferredMapping(downstream: keys, upstream: keys) == .identity)
        #expect(PartitionMapper.inferredMapping(downstream: nil, upstream: keys) == .all)
    }

    @Test("time window: start_offset -1 is yesterday and today")
    func yesterday() throws {
        let daily = try Self.timeWindows(.daily(minuteOffset: 0, hourOffset: 0))
        #expect(try Self.keys("2024-03-01", daily, daily, .timeWindow(startOffset: -1, endOffset: 0)) == ["2024-02-29", "2024-03-01"])
        #expect(try Self.keys("2024-03-01", daily, daily, .timeWindow(startOffset: -1, endOffset: -1)) == ["2024-02-29"])
        #expect(try Self.keys("2024-01-01", daily, daily, .timeWindow(startOffset: -1, endOffset: -1)) == [],
            "nothing before the first partition")
    }

    @Test("time window: a daily partition maps to 25 hours on a fall-back day and 23 on a spring-forward day")
    func daylightSaving() throws {
        let daily = try Self.timeWindows(.daily(minuteOffset: 0, hourOffset: 0), zone: "America/New_York")
        let hourly = try Self.timeWindows(.hourly(minuteOffset: 0), zone: "America/New_York")
        let fallBack = try Self.keys("2024-11-03", daily, hourly)
        #expect(fallBack.count == 25)
        #expect(fallBack.contains("2024-11-03-01:00-0500"))
        #expect(fallBack.first == "2024-11-03-00:00")
        #expect(fallBack.last == "2024-11-03-23:00")
        let springForward = try Self.keys("2024-03-10", daily, hourly)
        #expect(springForward.count == 23)
        #expect(!springForward.contains("2024-03-10-02:00"))
        #expect(try Self.keys("2024-11-03-01:00-0500", hourly, daily) == ["2024-11-03"], "fine to coarse")
    }

    @Test("time window: monthly partitions cover their month's days, month ends included")
    func monthEnds() throws {
        let monthly = try Self.timeWindows(.monthly(minuteOffset: 0, hourOffset: 0, dayOffset: 1))
        let daily = try Self.timeWindows(.daily(minuteOffset: 0, hourOffset: 0))
        let february = try Self.keys("2024-02-01", monthly, daily)
        #expect(february.count == 29)
        #expect(february.last == "2024-02-29")
        #expect(try Self.keys("2024-04-01", monthly, daily).count == 30)
        #expect(try Self.keys("2024-01-31", daily, monthly) == ["2024-01-01"])
    }

    @Test("static mapping follows the key map")
    func staticMapping() throws {
        let up = PartitionSet.keys(["us-east", "us-west", "eu"])
        let down = PartitionSet.keys(["us", "europe"])
        let mapping = PartitionMapping.staticKeys([
            StaticKeyMapping(upstream: "us-east", downstream: ["us"]), StaticKeyMapping(upstream: "us-west", downstream: ["us"]),
            StaticKeyMapping(upstream: "eu", downstream: ["europe"]),
        ])
        #expect(try Self.keys("us", down, up, mapping) == ["us-east", "us-west"])
        #expect(try Self.keys("europe", down, up, mapping) == ["eu"])
    }

    @Test("multi to single in both directions, by dimension")
    func multiToSingle() throws {
        let daily = try Self.timeWindows(.daily(minuteOffset: 0, hourOffset: 0), start: "2024-01-01")
        let regions = PartitionSet.keys(["us", "eu"])
        let multi = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "date", set: daily), PartitionDimension(name: "region", set: regions),
        ])
        #expect(try Self.keys("2024-01-02|eu", multi, regions, .multiToSingle(dimension: "region")) == ["eu"])
        let upstream = try PartitionMapper.upstream(
            of: "eu", downstream: regions, upstream: multi, mapping: .multiToSingle(dimension: "region"),
            now: Timestamp(iso8601: "2024-01-04T00:00:00Z") ?? Self.now)
        #expect(upstream == .keys(["2024-01-01|eu", "2024-01-02|eu", "2024-01-03|eu"]))
        #expect(throws: PartitionMappingError.self) {
            try Self.keys("2024-01-02|eu", multi, regions, .multiToSingle(dimension: nil))
        }
    }

    @Test("a mapping between incompatible sets is an error")
    func incompatible() throws {
        let regions = PartitionSet.keys(["us"])
        let daily = try Self.timeWindows(.daily(minuteOffset: 0, hourOffset: 0))
        #expect(throws: PartitionMappingError.self) {
            try Self.keys("us", regions, daily, .timeWindow(startOffset: 0, endOffset: 0))
        }
        #expect(throws: PartitionMappingError.self) {
            try Self.keys("2024-02-30", daily, daily, .timeWindow(startOffset: 0, endOffset: 0))
        }
    }
}
