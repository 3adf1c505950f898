import ArcoCore
import Testing

/// Steps and edges from selections and partition requests, through the mappings.
@Suite struct RunPlannerTests {
    static let now = Timestamp(iso8601: "2024-02-01T00:00:00Z")!

    static let dailyDefinition = TimeWindowPartitions(
        cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!)
    static let weeklyDefinition = TimeWindowPartitions(
        cadence: .weekly(minuteOffset: 0, hourOffset: 0, dayOffset: 0), start: WallDateTime.parse("2024-01-01")!)

    static func daily() throws -> PartitionSet { .timeWindow(try TimeWindowPartitionSet(dailyDefinition)) }
    static func weekly() throws -> PartitionSet { .timeWindow(try TimeWindowPartitionSet(weeklyDefinition)) }

    static func asset(_ key: String, deps: [String] = [], partitions: String? = nil, policy: BackfillPolicy = .default)
        -> AssetDefinition
    {
        AssetDefinition(
            key: AssetKey(key), command: .shell("true"), dependencies: deps.map { AssetDependency(asset: AssetKey($0)) },
            partitions: partitions.map(PartitionsDefinitionName.init), backfillPolicy: policy)
    }

    static func plan(
        _ assets: [AssetDefinition], select: [String], sets: [String: PartitionSet], _ request: PartitionRequest
    ) throws(PlanningError) -> [PlannedStep] {
        // The definitions carry the partition kinds, from which mappings are inferred.
        let definitions = WorkspaceDefinitions(assets: assets, partitions: [
            PartitionsDefinition(name: "daily", kind: .timeWindow(dailyDefinition)),
            PartitionsDefinition(name: "weekly", kind: .timeWindow(weeklyDefinition)),
        ])
        var byAsset = [AssetKey: PartitionSet]()
        for asset in assets { if let name = asset.partitions?.rawValue { byAsset[asset.key] = sets[name] } }
        return try RunPlanner(definitions: definitions, partitionSets: byAsset, now: now)
            .plan(select.map(AssetKey.init), request: request)
    }

    static func edges(_ steps: [PlannedStep]) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: steps.map { ($0.stepKey.rawValue, $0.dependsOn.map(\.rawValue)) })
    }

    @Test("unpartitioned assets: one step each, edges only between selected assets")
    func unpartitioned() throws {
        let assets = [Self.asset("a"), Self.asset("b", deps: ["a"]), Self.asset("c", deps: ["b"])]
        let steps = try Self.plan(assets, select: ["b", "c"], sets: [:], .none)
        #expect(Self.edges(steps) == ["b": [], "c": ["b"]])
        #expect(steps.map(\.partition) == [nil, nil])
    }

    @Test("one key for a daily chain: each step reads the same day; canonical keys are recorded")
    func dailyChain() throws {
        let assets = [Self.asset("raw", partitions: "daily"), Self.asset("clean", deps: ["raw"], partitions: "daily")]
        let steps = try Self.plan(assets, select: ["raw", "clean"], sets: ["daily": try Self.daily()], .key("2024-01-02"))
        #expect(Self.edges(steps) == ["raw[2024-01-02]": [], "clean[2024-01-02]": ["raw[2024-01-02]"]])
        #expect(steps[0].canonicalPartitions == ["key=d:2024-01-02"])
    }

    @Test("a range gives one step per key, or one ranged step under single_run waiting for all of them")
    func rangeAndSingleRun() throws {
        let assets = [
            Self.asset("raw", partitions: "daily"),
            Self.asset("rollup", deps: ["raw"], partitions: "daily", policy: .singleRun),
        ]
        let steps = try Self.plan(
            assets, select: ["raw", "rollup"], sets: ["daily": try Self.daily()], .range(from: "2024-01-01", to: "2024-01-03"))
        #expect(steps.map(\.stepKey.rawValue) == [
            "raw[2024-01-01]", "raw[2024-01-02]", "raw[2024-01-03]", "rollup[2024-01-01...2024-01-03]",
        ])
        let ranged = try #require(steps.last)
        #expect(ranged.partition == nil)
        #expect(ranged.partitionRange == ["2024-01-01", "2024-01-02", "2024-01-03"])
        #expect(ranged.dependsOn.map(\.rawValue) == ["raw[2024-01-01]", "raw[2024-01-02]", "raw[2024-01-03]"])
        let chunked = try Self.plan(
            [Self.asset("raw", partitions: "daily", policy: .multiRun(maxPartitionsPerRun: 2))], select: ["raw"],
            sets: ["daily": try Self.daily()], .range(from: "2024-01-01", to: "2024-01-03"))
        #expect(chunked.map(\.stepKey.rawValue) == ["raw[2024-01-01...2024-01-02]", "raw[2024-01-03]"])
    }

    @Test("a weekly asset below a daily one runs the week its selected day falls in")
    func derivedThroughMapping() throws {
        let assets = [Self.asset("raw", partitions: "daily"), Self.asset("weekly", deps: ["raw"], partitions: "weekly")]
        let steps = try Self.plan(
            assets, select: ["raw", "weekly"], sets: ["daily": try Self.daily(), "weekly": try Self.weekly()],
            .key("2024-01-09"))
        #expect(Self.edges(steps) == ["raw[2024-01-09]": [], "weekly[2024-01-07]": ["raw[2024-01-09]"]])
    }

    @Test("an unpartitioned asset below a partitioned one waits for every planned partition")
    func unpartitionedBelowPartitioned() throws {
        let assets = [Self.asset("raw", partitions: "daily"), Self.asset("report", deps: ["raw"])]
        let steps = try Self.plan(
            assets, select: ["raw", "report"], sets: ["daily": try Self.daily()], .range(from: "2024-01-01", to: "2024-01-02"))
        #expect(Self.edges(steps)["report"] == ["raw[2024-01-01]", "raw[2024-01-02]"])
    }

    @Test("errors name the asset and the key", arguments: [
        (PartitionRequest.none, PlanningError.partitionRequired(asset: "raw", example: "2024-01-01")),
        (.key("2024-13-01"), .notAPartition(key: "2024-13-01", asset: "raw", nearest: ["2024-01-31"])),
        (.range(from: "2024-01-03", to: "2024-01-01"), .reversedRange(from: "2024-01-03", to: "2024-01-01", asset: "raw")),
    ])
    func errors(request: PartitionRequest, expected: PlanningError) throws {
        #expect(throws: expected) {
            try Self.plan([Self.asset("raw", partitions: "daily")], select: ["raw"], sets: ["daily": try Self.daily()], request)
        }
    }

    @Test("--partition with nothing partitioned is refused rather than ignored")
    func nothingPartitioned() {
        #expect(throws: PlanningError.nothingPartitioned(key: "x")) {
            try Self.plan([Self.asset("a")], select: ["a"], sets: [:], .key("x"))
        }
    }

    @Test("FIRST...LAST parses; missing ends or a second separator do not", arguments: [
        ("2024-01-01...2024-01-03", PartitionRequest.range(from: "2024-01-01", to: "2024-01-03")),
        ("a...b", .range(from: "a", to: "b")), ("...b", nil), ("a...", nil), ("a....b", nil), ("a...b...c", nil), ("ab", nil),
    ])
    func parseRange(text: String, expected: PartitionRequest?) {
        #expect(PartitionRequest.parseRange(text) == expected)
    }

    @Test("a downstream asset with no partition reading the request is skipped, not blamed; a root without the key still is")
    func skipsUnreachableDownstream() throws {
        let assets = [Self.asset("days", partitions: "daily"), Self.asset("weeks", deps: ["days"], partitions: "weekly")]
        let definitions = WorkspaceDefinitions(assets: assets, partitions: [
            PartitionsDefinition(name: "daily", kind: .timeWindow(Self.dailyDefinition)),
            PartitionsDefinition(name: "weekly", kind: .timeWindow(Self.weeklyDefinition)),
        ])
        let planner = RunPlanner(
            definitions: definitions, partitionSets: ["days": try Self.daily(), "weeks": try Self.weekly()], now: Self.now)
        // Sunday weeks: the first starts 2024-01-07, so 2024-01-03 belongs to no week of `weeks`.
        let early = try planner.planned(["days", "weeks"], request: .key("2024-01-03"))
        #expect(early.steps.map(\.stepKey.rawValue) == ["days[2024-01-03]"])
        #expect(early.skipped == [RunPlan.Skip(asset: "weeks", firstPartition: "2024-01-07")])
        #expect(early.skipped.first?.note == "weeks has no partition that reads what this run materializes (its first is 2024-01-07); skipped")
        let later = try planner.planned(["days", "weeks"], request: .key("2024-01-08"))
        #expect(later.steps.map(\.stepKey.rawValue) == ["days[2024-01-08]", "weeks[2024-01-07]"])
        #expect(later.skipped.isEmpty)
        #expect(throws: PlanningError.self) { try planner.planned(["weeks"], request: .key("2024-01-03")) }
    }
}

