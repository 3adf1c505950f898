import ArcoCore
import ArcoEngine
import Testing

/// The mapping each dependency ends up with once Dagster's defaults are applied.
@Suite struct WorkspaceMappingsTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01 }
          region: { type: static, keys: [eu, us] }
          by_day_region: { type: multi, dimensions: { region: region, date: daily } }
        assets:
          raw: { command: "true", partitions: daily }
          regions: { command: "true", partitions: region }
          split: { command: "true", partitions: by_day_region, deps: [raw] }
          rollup: { command: "true", partitions: daily, deps: [split] }
          by_region: { command: "true", partitions: region, deps: [{ split: { mapping: multi_to_single, dimension: region } }] }
          summary: { command: "true", deps: [raw] }
          copy: { command: "true", partitions: daily, deps: [raw] }

        """

    static func mapping(_ downstream: String, _ upstream: String) throws -> PartitionMapping? {
        let definitions = try WorkspaceYAML.load(yaml)
        let asset = try #require(definitions.asset(AssetKey(downstream)))
        let dependency = try #require(asset.dependencies.first { $0.asset == AssetKey(upstream) })
        return definitions.effectiveMapping(of: dependency, downstream: asset.key)
    }

    @Test("an undeclared multi-to-single mapping gets the dimension whose definition matches")
    func infersDimension() throws {
        #expect(try Self.mapping("split", "raw") == .multiToSingle(dimension: "date"))
        #expect(try Self.mapping("rollup", "split") == .multiToSingle(dimension: "date"))
        #expect(try Self.mapping("by_region", "split") == .multiToSingle(dimension: "region"))
    }

    @Test("other defaults: time window between time windows, all toward unpartitioned")
    func otherDefaults() throws {
        #expect(try Self.mapping("copy", "raw") == .timeWindow(startOffset: 0, endOffset: 0))
        #expect(try Self.mapping("summary", "raw") == .all)
    }

    @Test("the inferred mapping drives the mapper: a multi partition reads its own day")
    func drivesMapper() throws {
        let definitions = try WorkspaceYAML.load(Self.yaml)
        let split = try #require(definitions.asset(AssetKey("split")))
        let mapping = definitions.effectiveMapping(of: split.dependencies[0], downstream: split.key)
        let daily = try TimeWindowPartitionSet(TimeWindowPartitions(
            cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime(date: CivilDate(year: 2024, month: 1, day: 1))))
        let multi = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "region", set: .keys(["eu", "us"])), PartitionDimension(name: "date", set: .timeWindow(daily)),
        ])
        let now = try #require(Timestamp(iso8601: "2024-01-05T00:00:00Z"))
        let upstream = try PartitionMapper.upstream(
            of: "2024-01-03|us", downstream: multi, upstream: .timeWindow(daily), mapping: mapping, now: now)
        #expect(upstream == .keys(["2024-01-03"]))
    }
}
