import ArcoCore
import Testing

/// Selectors resolved over one or several assets: explicit, range, filter, all, frozen subsets.
@Suite struct BackfillResolverTests {
    static let now = RunPlannerTests.now

    /// raw (static region × daily date), daily_orders (daily), weekly (weekly, reads daily_orders),
    /// report (unpartitioned, reads weekly).
    static func resolver(_ assets: [AssetDefinition]? = nil) throws -> BackfillResolver {
        let regions = PartitionSet.keys(["eu", "us", "apac"])
        let multi = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "region", set: regions), PartitionDimension(name: "date", set: RunPlannerTests.daily()),
        ])
        let assets = assets ?? [
            RunPlannerTests.asset("raw", partitions: "region_day"),
            RunPlannerTests.asset("daily_orders", partitions: "daily"),
            RunPlannerTests.asset("weekly", deps: ["daily_orders"], partitions: "weekly"),
            RunPlannerTests.asset("report", deps: ["weekly"]),
        ]
        let definitions = WorkspaceDefinitions(assets: assets, partitions: [
            PartitionsDefinition(name: "daily", kind: .timeWindow(RunPlannerTests.dailyDefinition)),
            PartitionsDefinition(name: "weekly", kind: .timeWindow(RunPlannerTests.weeklyDefinition)),
            PartitionsDefinition(name: "regions", kind: .static(StaticPartitions(keys: ["eu", "us", "apac"]))),
            PartitionsDefinition(name: "region_day", kind: .multi(MultiPartitions(dimensions: [
                MultiPartitionDimension(name: "region", partitions: "regions"),
                MultiPartitionDimension(name: "date", partitions: "daily"),
            ]))),
        ])
        let byName = ["region_day": multi, "daily": try RunPlannerTests.daily(), "weekly": try RunPlannerTests.weekly()]
        var sets = [AssetKey: PartitionSet]()
        for asset in assets { if let name = asset.partitions?.rawValue { sets[asset.key] = byName[name] } }
        return BackfillResolver(definitions: definitions, partitionSets: sets, now: now)
    }

    @Test("filters parse clause by clause and name the clause that does not")
    func parseFilter() throws {
        let clauses = try PartitionFilterClause.parse("region=us,eu  date>=2024-01-01 date<2024-01-08")
        #expect(clauses == [
            PartitionFilterClause(dimension: "region", comparison: .equal, values: ["us", "eu"]),
            PartitionFilterClause(dimension: "date", comparison: .greaterOrEqual, values: ["2024-01-01"]),
            PartitionFilterClause(dimension: "date", comparison: .less, values: ["2024-01-08"]),
        ])
        #expect(try PartitionFilterClause.parse("date<=2024-01-03").first?.comparison == .lessOrEqual)
        #expect(try PartitionFilterClause.parse("region!=us").first?.comparison == .notEqual)
        #expect(throws: BackfillError.invalidFilter("region", reason: "it has none of = != < <= > >=")) {
            try PartitionFilterClause.parse("region")
        }
        #expect(throws: BackfillError.invalidFilter("date>=a,b", reason: "'>=' compares with one value")) {
            try PartitionFilterClause.parse("date>=a,b")
        }
        #expect(throws: BackfillError.invalidFilter("=us", reason: "it needs a dimension name before '='")) {
            try PartitionFilterClause.parse("=us")
        }
    }

    @Test("a filter over static × daily selects the product, in partition order, and counts it without listing")
    func multiDimensionalFilter() throws {
        let resolver = try Self.resolver()
        let filter = PartitionSelector.filter(try PartitionFilterClause.parse("region=us,eu date>=2024-01-30 date<2024-02-01"))
        let targets = try resolver.resolve(["raw"], filter)
        // Dimensions sort by name, so `date` comes first in a key and varies slowest.
        #expect(targets.keys["raw"] == ["2024-01-30|eu", "2024-01-30|us", "2024-01-31|eu", "2024-01-31|us"])
        #expect(try resolver.count(["raw"], filter) == 4)
        let excluded = PartitionSelector.filter(try PartitionFilterClause.parse("region!=apac date>2024-01-30"))
        #expect(try resolver.resolve(["raw"], excluded).keys["raw"] == ["2024-01-31|eu", "2024-01-31|us"])
        #expect(try resolver.count(["raw"], .all) == 3 * 31)
        #expect(throws: BackfillError.unknownDimension("day", asset: "raw", available: ["date", "region"])) {
            try resolver.resolve(["raw"], .filter([
                PartitionFilterClause(dimension: "region", comparison: .equal, values: ["us"]),
                PartitionFilterClause(dimension: "day", comparison: .equal, values: ["2024-01-01"]),
            ]))
        }
    }

    @Test("ranges and explicit keys: partition order, counts, reversed and unknown ends")
    func rangesAndExplicit() throws {
        let resolver = try Self.resolver()
        let range = PartitionSelector.range(from: "2024-01-03", to: "2024-01-05")
        #expect(try resolver.resolve(["daily_orders"], range).keys["daily_orders"] == ["2024-01-03", "2024-01-04", "2024-01-05"])
        #expect(try resolver.count(["daily_orders"], range) == 3)
        #expect(try resolver.count(["daily_orders"], .range(from: "2024-01-01", to: "2024-01-31")) == 31)
        let explicit = PartitionSelector.explicit(["2024-01-05", "2024-01-02", "2024-01-05"])
        #expect(try resolver.resolve(["daily_orders"], explicit).keys["daily_orders"] == ["2024-01-02", "2024-01-05"])
        #expect(try resolver.count(["daily_orders"], explicit) == 2)
        #expect(throws: BackfillError.reversedRange(from: "2024-01-05", to: "2024-01-03", asset: "daily_orders")) {
            try resolver.resolve(["daily_orders"], .range(from: "2024-01-05", to: "2024-01-03"))
        }
        #expect(throws: BackfillError.reversedRange(from: "2024-01-05", to: "2024-01-03", asset: "daily_orders")) {
            try resolver.count(["daily_orders"], .range(from: "2024-01-05", to: "2024-01-03"))
        }
        #expect(throws: BackfillError.rangeOnMultiDimensions(asset: "raw")) {
            try resolver.resolve(["raw"], .range(from: "2024-01-01|eu", to: "2024-01-02|us"))
        }
        #expect(throws: BackfillError.nothingPartitioned) {
            try resolver.resolve(["report"], .range(from: "2024-01-01", to: "2024-01-01"))
        }
        let nothing = PartitionSelector.filter(try PartitionFilterClause.parse("key>=2024-01-10 key<2024-01-05"))
        #expect(throws: BackfillError.empty(selector: "key>=2024-01-10 key<2024-01-05")) {
            try resolver.resolve(["daily_orders"], nothing)
        }
        #expect(throws: BackfillError.empty(selector: "key>=2024-01-10 key<2024-01-05")) {
            try resolver.count(["daily_orders"], nothing)
        }
        // A single dimension also answers to its definition's name.
        let named = PartitionSelector.filter(try PartitionFilterClause.parse("daily>=2024-01-30"))
        #expect(try resolver.resolve(["daily_orders"], named).keys["daily_orders"] == ["2024-01-30", "2024-01-31"])
    }

    @Test("a daily range feeding a weekly asset: the weekly keys come through the mapping, the report once")
    func multiAsset() throws {
        let resolver = try Self.resolver()
        let targets = try resolver.resolve(["daily_orders", "weekly", "report"], .range(from: "2024-01-06", to: "2024-01-09"))
        #expect(targets.assets == ["daily_orders", "weekly", "report"])
        // Weeks start on Sundays from the definition's start, so Jan 6 falls in no week and
        // Jan 7–9 in the week of Jan 7.
        #expect(targets.keys["weekly"] == ["2024-01-07"])
        #expect(targets.total == 4 + 1 + 1)
        #expect(try resolver.count(["daily_orders", "weekly", "report"], .range(from: "2024-01-06", to: "2024-01-09")) == 6)
        let week = try #require(targets.keys["weekly"]?.last)
        let upstream = try resolver.upstreamTargets(of: BackfillTarget(asset: "weekly", partition: week), in: targets)
        #expect(upstream.map(\.partition) == ["2024-01-07", "2024-01-08", "2024-01-09"])
        #expect(try resolver.upstreamTargets(of: BackfillTarget(asset: "report", partition: nil), in: targets).count == 1)
        // The range's first day is also a week key; the weekly asset still gets its weeks
        // through the mapping rather than a literal range that ends on no week.
        let mapped = try resolver.resolve(["daily_orders", "weekly"], .range(from: "2024-01-07", to: "2024-01-16"))
        #expect(mapped.keys["weekly"] == ["2024-01-07", "2024-01-14"])
        #expect(throws: BackfillError.notAKey("2024-01-16", asset: "weekly", nearest: ["2024-01-14", "2024-01-21"])) {
            try resolver.resolve(["weekly"], .range(from: "2024-01-07", to: "2024-01-16"))
        }
        // A filter on `key` whose bounds are days, not week starts, reaches the weekly asset
        // through the mapping too; alone, the weekly asset refuses it.
        let filtered = PartitionSelector.filter(try PartitionFilterClause.parse("key>=2024-01-08 key<2024-01-15"))
        #expect(try resolver.resolve(["daily_orders", "weekly"], filtered).keys["weekly"] == ["2024-01-07", "2024-01-14"])
        #expect(throws: BackfillError.invalidFilter("key>=2024-01-08", reason: "'2024-01-08' is not a partition key of dimension 'key'")) {
            try resolver.resolve(["weekly"], filtered)
        }
        #expect(throws: BackfillError.notApplicable(asset: "raw", partitionsDef: "region_day", selector: "2024-01-06...2024-01-09")) {
            try resolver.resolve(["daily_orders", "raw"], .range(from: "2024-01-06", to: "2024-01-09"))
        }
    }

    @Test("--only freezes the matching targets as runs of consecutive keys, which resolve back to them")
    func onlyFreezes() throws {
        let resolver = try Self.resolver()
        let targets = try resolver.resolve(["daily_orders"], .range(from: "2024-01-01", to: "2024-01-10"))
        let done: Set<String> = ["2024-01-03", "2024-01-04", "2024-01-08"]
        let frozen = BackfillOnly.missing.freeze(
            targets, state: { _, key in done.contains(key ?? "") ? .materialized : .missing },
            order: { _ in try! RunPlannerTests.daily().keys(now: Self.now) })
        #expect(frozen == .subset(["daily_orders": [
            PartitionRun(first: "2024-01-01", last: "2024-01-02"), PartitionRun(first: "2024-01-05", last: "2024-01-07"),
            PartitionRun(first: "2024-01-09", last: "2024-01-10"),
        ]]))
        #expect(try PartitionSelector(json: frozen.json()) == frozen)
        #expect(try resolver.resolve(["daily_orders"], frozen).total == 7)
        // Selected assets the subset leaves out (an unpartitioned report already materialized)
        // count for nothing, as they resolve to nothing.
        #expect(try resolver.count(["daily_orders", "report"], frozen) == 7)
    }

    @Test("every selector survives its stored form")
    func storedForm() throws {
        for selector in [
            PartitionSelector.all, .explicit(["a", "b"]), .range(from: "x", to: "y"),
            .filter(try PartitionFilterClause.parse("region=us date>=2024-01-01")),
        ] {
            #expect(try PartitionSelector(json: selector.json()) == selector)
        }
    }
}
