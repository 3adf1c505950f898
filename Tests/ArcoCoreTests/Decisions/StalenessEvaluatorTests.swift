import ArcoCore
import Testing

/// Every reason code, their precedence, `since`, freshness boundaries and time-window mappings
/// (issue 6, ADR 0011), on hand-built definitions and facts.
@Suite struct StalenessEvaluatorTests {
    static let base: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z

    static func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: base + seconds) }

    static func facts(
        _ version: String, code: String? = nil, at seconds: Int64, since: Int64? = nil,
        consumed: [ConsumedVersion] = []
    ) -> PartitionFacts {
        PartitionFacts(
            dataVersion: version, codeVersion: code, materializedAt: at(seconds),
            dataVersionSince: at(since ?? seconds), consumed: ConsumedVersions(consumed))
    }

    static func asset(
        _ key: String, deps: [AssetDependency] = [], code: String? = nil, daily: Bool = false,
        freshness: FreshnessPolicy? = nil
    ) -> AssetDefinition {
        AssetDefinition(
            key: AssetKey(key), command: .shell("true"), dependencies: deps,
            partitions: daily ? PartitionsDefinitionName("daily") : nil, codeVersion: code, freshness: freshness)
    }

    static func dep(_ key: String, _ mapping: PartitionMapping? = nil) -> AssetDependency {
        AssetDependency(asset: AssetKey(key), mapping: mapping)
    }

    /// Daily partitions 2024-01-01 to 2024-01-03 (end exclusive 2024-01-04).
    static let dailyDefinition = TimeWindowPartitions(
        cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!,
        end: WallDateTime.parse("2024-01-04")!)

    /// Evaluates `assets` with `facts` (asset → display key → facts) and returns the rows.
    static func rows(
        _ assets: [AssetDefinition], _ facts: [String: [String: PartitionFacts]], selection: [String]? = nil,
        now: Timestamp = at(100 * 86_400), allCauses: Bool = false
    ) throws -> [StalenessRow] {
        let definitions = WorkspaceDefinitions(
            assets: assets,
            partitions: [PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .timeWindow(dailyDefinition))])
        let set = PartitionSet.timeWindow(try TimeWindowPartitionSet(dailyDefinition))
        var sets: [AssetKey: PartitionSet] = [:]
        for asset in assets where asset.partitions != nil { sets[asset.key] = set }
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: (selection ?? assets.map(\.key.rawValue)).map(AssetKey.init),
            sets: sets, now: now, collectWaits: allCauses)
        var rows: [StalenessRow] = []
        for asset in evaluator.order {
            let selected = evaluator.isSelected(asset)
            evaluator.evaluate(asset, facts: facts[asset.rawValue] ?? [:]) { row in
                if selected { rows.append(row) }
            }
        }
        return rows
    }

    static func consumed(_ asset: String, _ partition: String?, _ version: String?) -> ConsumedVersion {
        ConsumedVersion(asset: asset, partition: partition, dataVersion: version)
    }

    /// An unpartitioned upstream's consumed version.
    static func consumed(_ asset: String, _ version: String?) -> ConsumedVersion {
        ConsumedVersion(asset: asset, partition: nil, dataVersion: version)
    }

    static func plus(_ instant: Timestamp, microseconds: Int64) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: instant.microsecondsSinceEpoch + microseconds)
    }

    static let chain = [asset("raw"), asset("clean", deps: [dep("raw")]), asset("report", deps: [dep("clean")])]

    @Test("each reason in isolation, on raw → clean → report", arguments: [
        // (what, facts, expected reason of clean, expected since of clean in seconds)
        ("clean never materialized", ["raw": ["": facts("r1", at: 10)]], StaleReason.neverMaterialized, Int64?.none),
        ("raw never materialized", ["clean": ["": facts("c1", at: 20, consumed: [consumed("raw", nil)])]],
         StaleReason.upstreamNeverMaterialized, nil),
        ("raw has a new data version", [
            "raw": ["": facts("r2", at: 30, since: 30)],
            "clean": ["": facts("c1", at: 20, consumed: [consumed("raw", "r1")])],
        ], StaleReason.upstreamChanged, 30),
        ("raw's new version appeared before clean was materialized from an older one", [
            "raw": ["": facts("r2", at: 30, since: 15)],
            "clean": ["": facts("c1", at: 20, consumed: [consumed("raw", "r1")])],
        ], StaleReason.upstreamChanged, 20),
    ])
    func singleReasons(what: String, facts: [String: [String: PartitionFacts]], reason: StaleReason, since: Int64?) throws {
        let rows = try Self.rows(Self.chain, facts, selection: ["clean"])
        let clean = try #require(rows.first)
        #expect(clean.reason == reason, "\(what)")
        #expect(clean.status == reason.status)
        #expect(clean.since == since.map(Self.at), "\(what)")
    }

    @Test("precedence follows the declared order of the reason codes")
    func precedenceOrder() {
        #expect(StaleReason.allCases.map(\.precedence) == Array(0..<StaleReason.allCases.count))
    }

    @Test("a re-materialization that produced the same data version does not make downstream stale")
    func identicalRematerialization() throws {
        let rows = try Self.rows(Self.chain, [
            // raw was materialized again at 50 with the version clean consumed (first seen at 10).
            "raw": ["": Self.facts("r1", at: 50, since: 10)],
            "clean": ["": Self.facts("c1", at: 20, consumed: [Self.consumed("raw", "r1")])],
            "report": ["": Self.facts("p1", at: 25, consumed: [Self.consumed("clean", "c1")])],
        ])
        #expect(rows.map(\.status) == [.fresh, .fresh, .fresh])
        #expect(rows.map(\.reason) == [nil, nil, nil])
    }

    @Test("CODE_CHANGED outranks upstream reasons; a removed code version is a change; since is unknown")
    func codeChanged() throws {
        let assets = [Self.asset("raw"), Self.asset("clean", deps: [Self.dep("raw")], code: "2")]
        let rows = try Self.rows(assets, [
            "raw": ["": Self.facts("r2", at: 30)],
            "clean": ["": Self.facts("c1", code: "1", at: 20, consumed: [Self.consumed("raw", "r1")])],
        ])
        #expect(rows[1].reason == .codeChanged)
        #expect(rows[1].since == nil)
        #expect(rows[1].cause == .codeChanged(materialized: "1", current: "2", materializedAt: Self.at(20)))
        let removed = try Self.rows([Self.asset("raw")], ["raw": ["": Self.facts("r1", code: "1", at: 5)]])
        #expect(removed[0].reason == .codeChanged)
    }

    @Test("UPSTREAM_STALE is transitive, carries the upstream's reason and the later of the two instants")
    func transitive() throws {
        let rows = try Self.rows(Self.chain, [
            "raw": ["": Self.facts("r2", at: 30, since: 30)],
            "clean": ["": Self.facts("c1", at: 20, consumed: [Self.consumed("raw", "r1")])],
            "report": ["": Self.facts("p1", at: 40, consumed: [Self.consumed("clean", "c1")])],
        ])
        #expect(rows.map(\.reason) == [nil, .upstreamChanged, .upstreamStale])
        #expect(rows[2].cause == .upstreamStale(asset: "clean", partition: nil, reason: .upstreamChanged))
        #expect(rows[2].since == Self.at(40), "report was materialized (40) after clean went stale (30)")
        // A missing upstream two levels up reaches report as UPSTREAM_STALE with an unknown since.
        let missing = try Self.rows(Self.chain, [
            "clean": ["": Self.facts("c1", at: 20, consumed: [Self.consumed("raw", "r1")])],
            "report": ["": Self.facts("p1", at: 40, consumed: [Self.consumed("clean", "c1")])],
        ])
        #expect(missing.map(\.reason) == [.neverMaterialized, .upstreamNeverMaterialized, .upstreamStale])
        #expect(missing[2].since == nil)
    }

    @Test("among upstream causes: never materialized, then changed, then stale; within one, the earliest since")
    func upstreamPrecedence() throws {
        let assets = [
            Self.asset("a"), Self.asset("b"), Self.asset("c"),
            Self.asset("d", deps: [Self.dep("a"), Self.dep("b"), Self.dep("c")]),
        ]
        let changedBoth = try Self.rows(assets, [
            "a": ["": Self.facts("a2", at: 50, since: 50)], "b": ["": Self.facts("b2", at: 40, since: 40)],
            "c": ["": Self.facts("c1", at: 1)],
            "d": ["": Self.facts("d1", at: 10, consumed: [
                Self.consumed("a", "a1"), Self.consumed("b", "b1"), Self.consumed("c", "c1"),
            ])],
        ], selection: ["d"], allCauses: true)
        #expect(changedBoth[0].reason == .upstreamChanged)
        #expect(changedBoth[0].cause?.upstream?.asset == "b", "b changed first")
        #expect(changedBoth[0].since == Self.at(40))
        #expect(changedBoth[0].upstreamCauses.isEmpty, "a changed upstream partition is nothing to wait for")
        let withMissing = try Self.rows(assets, [
            "a": ["": Self.facts("a2", at: 50)], "b": ["": Self.facts("b1", at: 1)],
            "d": ["": Self.facts("d1", at: 10, consumed: [Self.consumed("a", "a1"), Self.consumed("b", "b1")])],
        ], selection: ["d"])
        #expect(withMissing[0].reason == .upstreamNeverMaterialized)
        #expect(withMissing[0].cause == .upstreamNeverMaterialized(asset: "c", partition: nil))
    }

    @Test("a dependency added after the materialization counts as changed, from nothing")
    func newDependency() throws {
        let rows = try Self.rows(Self.chain, [
            "raw": ["": Self.facts("r1", at: 5)],
            "clean": ["": Self.facts("c1", at: 20, consumed: [])],
        ], selection: ["clean"])
        #expect(rows[0].cause == .upstreamChanged(
            asset: "raw", partition: nil, consumed: nil, current: "r1", changedAt: Self.at(5)))
    }

    @Test("freshness max_lag: exactly at the deadline is fresh, a microsecond later is stale since the deadline")
    func freshnessLag() throws {
        let policy = FreshnessPolicy(maxLag: .seconds(3_600))
        let assets = [Self.asset("raw", freshness: policy), Self.asset("clean", deps: [Self.dep("raw")])]
        let facts = [
            "raw": ["": Self.facts("r1", at: 100)],
            "clean": ["": Self.facts("c1", at: 200, consumed: [Self.consumed("raw", "r1")])],
        ]
        let deadline = Self.at(3_700)
        let onTime = try Self.rows(assets, facts, now: deadline)
        #expect(onTime.map(\.status) == [.fresh, .fresh])
        let late = try Self.rows(assets, facts, now: Self.plus(deadline, microseconds: 1))
        #expect(late[0].reason == .freshnessViolated)
        #expect(late[0].since == deadline)
        #expect(late[0].cause == .freshnessViolated(
            materializedAt: Self.at(100), maxLagSeconds: 3_600, cron: nil, deadline: deadline))
        #expect(late[1].status == .fresh, "freshness does not propagate downstream")
    }

    @Test("freshness cron: each tick is a deadline; the missed one is the first after materialization + max_lag")
    func freshnessCron() throws {
        // Materialized 2024-01-01 08:00; max_lag 26 h, so fresh enough for the 09:00 ticks of
        // Jan 1 and Jan 2 (age 25 h), not for Jan 3 09:00 (age 49 h).
        let policy = FreshnessPolicy(maxLag: .seconds(26 * 3_600), cron: try CronSyntax.parse("0 9 * * *"))
        let assets = [Self.asset("raw", freshness: policy)]
        let facts = ["raw": ["": Self.facts("r1", at: 8 * 3_600)]]
        let jan3nine = Self.at(2 * 86_400 + 9 * 3_600)
        #expect(try Self.rows(assets, facts, now: Self.plus(jan3nine, microseconds: -1))[0].status == .fresh)
        let missed = try Self.rows(assets, facts, now: jan3nine)
        #expect(missed[0].reason == .freshnessViolated)
        #expect(missed[0].since == jan3nine)
    }

    @Test("freshness of a daily asset applies to its latest partition only")
    func freshnessLatestPartition() throws {
        let policy = FreshnessPolicy(maxLag: .seconds(3_600))
        let assets = [Self.asset("raw", daily: true, freshness: policy)]
        let facts = ["raw": [
            "2024-01-01": Self.facts("a", at: 10), "2024-01-02": Self.facts("b", at: 10),
            "2024-01-03": Self.facts("c", at: 10),
        ]]
        let rows = try Self.rows(assets, facts)
        #expect(rows.map(\.partition) == ["2024-01-01", "2024-01-02", "2024-01-03"])
        #expect(rows.map(\.reason) == [nil, nil, .freshnessViolated])
    }

    @Test("a time-window mapping to yesterday's partition propagates to the right partition")
    func yesterdayMapping() throws {
        let assets = [
            Self.asset("raw", daily: true),
            Self.asset("diff", deps: [Self.dep("raw", .timeWindow(startOffset: -1, endOffset: -1))], daily: true),
        ]
        let rows = try Self.rows(assets, [
            "raw": [
                "2024-01-01": Self.facts("r1-new", at: 90, since: 90), "2024-01-02": Self.facts("r2", at: 10),
                "2024-01-03": Self.facts("r3", at: 10),
            ],
            "diff": [
                // Jan 1 reads Dec 31, which does not exist: nothing upstream to be stale about.
                "2024-01-01": Self.facts("d1", at: 20, consumed: []),
                "2024-01-02": Self.facts("d2", at: 20, consumed: [Self.consumed("raw", "2024-01-01", "r1")]),
                "2024-01-03": Self.facts("d3", at: 20, consumed: [Self.consumed("raw", "2024-01-02", "r2")]),
            ],
        ], selection: ["diff"])
        #expect(rows.map(\.reason) == [nil, .upstreamChanged, nil])
        #expect(rows[1].cause == .upstreamChanged(
            asset: "raw", partition: "2024-01-01", consumed: "r1", current: "r1-new", changedAt: Self.at(90)))
        #expect(rows[1].since == Self.at(90))
    }

    @Test("identity between daily assets: each partition answers for itself")
    func identityPartitions() throws {
        let assets = [Self.asset("raw", daily: true), Self.asset("clean", deps: [Self.dep("raw")], daily: true)]
        let rows = try Self.rows(assets, [
            "raw": ["2024-01-01": Self.facts("a", at: 1), "2024-01-02": Self.facts("b2", at: 30)],
            "clean": [
                "2024-01-01": Self.facts("x", at: 5, consumed: [Self.consumed("raw", "2024-01-01", "a")]),
                "2024-01-02": Self.facts("y", at: 5, consumed: [Self.consumed("raw", "2024-01-02", "b1")]),
                "2024-01-03": Self.facts("z", at: 5, consumed: [Self.consumed("raw", "2024-01-03", "c")]),
            ],
        ], selection: ["clean"])
        #expect(rows.map(\.reason) == [nil, .upstreamChanged, .upstreamNeverMaterialized])
        #expect(rows.map(\.status) == [.fresh, .stale, .stale])
    }

    @Test("rows are in topological then partition order, whatever order the facts come in")
    func order() throws {
        let assets = [Self.asset("z_raw", daily: true), Self.asset("a_clean", deps: [Self.dep("z_raw")], daily: true)]
        let rows = try Self.rows(assets, [:])
        #expect(rows.map { "\($0.asset.rawValue) \($0.partition ?? "")" } == [
            "z_raw 2024-01-01", "z_raw 2024-01-02", "z_raw 2024-01-03",
            "a_clean 2024-01-01", "a_clean 2024-01-02", "a_clean 2024-01-03",
        ])
    }

    @Test("shuffled definitions and facts give the same rows")
    func shuffled() throws {
        let assets = [
            Self.asset("raw", daily: true), Self.asset("side"),
            Self.asset("clean", deps: [Self.dep("raw"), Self.dep("side")], daily: true),
            Self.asset("report", deps: [Self.dep("clean")]),
        ]
        var facts: [String: [String: PartitionFacts]] = [
            "raw": ["2024-01-01": Self.facts("a", at: 1), "2024-01-02": Self.facts("b2", at: 30)],
            "side": ["": Self.facts("s", at: 2)],
            "clean": [
                "2024-01-01": Self.facts("x", at: 5, consumed: [Self.consumed("raw", "2024-01-01", "a"), Self.consumed("side", "s")]),
                "2024-01-02": Self.facts("y", at: 5, consumed: [Self.consumed("raw", "2024-01-02", "b1"), Self.consumed("side", "s")]),
            ],
            "report": ["": Self.facts("p", at: 6, consumed: [Self.consumed("clean", "2024-01-01", "x")])],
        ]
        let expected = try Self.rows(assets, facts)
        // raw and clean lack 2024-01-03; clean 2024-01-02 read an old raw; report reads every
        // clean partition, one of them never materialized.
        #expect(expected.compactMap(\.reason) == [
            .neverMaterialized, .upstreamChanged, .neverMaterialized, .upstreamNeverMaterialized,
        ])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            // Rebuilding the dictionaries changes their iteration order; the assets are reordered too.
            facts = Dictionary(uniqueKeysWithValues: facts.shuffled(using: &generator).map {
                ($0.key, Dictionary(uniqueKeysWithValues: $0.value.shuffled(using: &generator)))
            })
            #expect(try Self.rows(assets.shuffled(using: &generator), facts) == expected)
        }
    }

    @Test("consumed versions: the canonical-text check agrees with parsing, including quotes in keys")
    func consumedLookup() {
        let versions = ConsumedVersions([
            Self.consumed("raw", "a\"b", "v1"), Self.consumed("raw", "v2"), Self.consumed("other", "k", nil),
        ])
        #expect(versions.contains(asset: "raw", partition: "a\"b", dataVersion: "v1"))
        #expect(!versions.contains(asset: "raw", partition: "a\"b", dataVersion: "v2"))
        #expect(versions.contains(asset: "raw", partition: nil, dataVersion: "v2"))
        #expect(!versions.contains(asset: "raw", partition: "k", dataVersion: "v2"))
        #expect(versions.version(asset: "raw", partition: "a\"b") == "v1")
        #expect(versions.version(asset: "other", partition: "k") == nil)
        #expect(versions.version(asset: "missing", partition: nil) == nil)
    }

    @Test("across 100 or more upstream partitions versions are not compared (none are recorded), but missing ones count")
    func wideEdge() throws {
        let long = TimeWindowPartitions(
            cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!,
            end: WallDateTime.parse("2024-05-01")!)
        let definitions = WorkspaceDefinitions(
            assets: [Self.asset("raw", daily: true), Self.asset("summary", deps: [Self.dep("raw")])],
            partitions: [PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .timeWindow(long))])
        let set = PartitionSet.timeWindow(try TimeWindowPartitionSet(long))
        let keys = set.keys(now: Self.at(200 * 86_400))
        #expect(keys.count == 121)
        func evaluate(_ raw: [String: PartitionFacts]) -> [StalenessRow] {
            var evaluator = StalenessEvaluator(
                definitions: definitions, selection: ["summary"], sets: ["raw": set], now: Self.at(200 * 86_400),
                collectWaits: true)
            var rows: [StalenessRow] = []
            for asset in evaluator.order {
                let facts = asset == "raw" ? raw : ["": Self.facts("s", at: 50, consumed: [])]
                evaluator.evaluate(asset, facts: facts) { if $0.asset == "summary" { rows.append($0) } }
            }
            return rows
        }
        var all: [String: PartitionFacts] = [:]
        for key in keys { all[key] = Self.facts("v-\(key)", at: 10) }
        #expect(evaluate(all).map(\.status) == [.fresh])
        all[keys[5]] = nil
        let missing = evaluate(all)
        #expect(missing.map(\.reason) == [.upstreamNeverMaterialized])
        #expect(missing.first?.upstreamCauses == [.upstreamNeverMaterialized(asset: "raw", partition: keys[5])])
    }

    @Test("when collecting, a CODE_CHANGED or missing row also lists what it reads that is stale or missing")
    func causesBehindOwnReason() throws {
        let assets = [Self.asset("raw", code: "2"), Self.asset("clean", deps: [Self.dep("raw")], code: "2")]
        let rows = try Self.rows(assets, [
            "raw": ["": Self.facts("r1", code: "1", at: 5)],
            "clean": ["": Self.facts("c1", code: "1", at: 6, consumed: [Self.consumed("raw", "r1")])],
        ], allCauses: true)
        #expect(rows.map(\.reason) == [.codeChanged, .codeChanged])
        #expect(rows[1].upstreamCauses == [.upstreamStale(asset: "raw", partition: nil, reason: .codeChanged)])
    }
}
