import ArcoCore
import Testing

/// Grouping, ordering, the upstream closure and run keys of reconciliation plans (issue 6).
@Suite struct ReconcilePlannerTests {
    static func asset(_ key: String, deps: [String] = [], partitions: String? = nil) -> AssetDefinition {
        AssetDefinition(
            key: AssetKey(key), command: .shell("true"), dependencies: deps.map { AssetDependency(asset: AssetKey($0)) },
            partitions: partitions.map(PartitionsDefinitionName.init))
    }

    /// raw, clean (daily) → weekly (weekly) → report (unpartitioned); side is unrelated.
    static let definitions = WorkspaceDefinitions(
        assets: [
            asset("raw", partitions: "daily"), asset("clean", deps: ["raw"], partitions: "daily"),
            asset("weekly", deps: ["clean"], partitions: "weekly"), asset("report", deps: ["weekly"]), asset("side"),
        ],
        partitions: [
            PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .static(StaticPartitions(keys: ["d1", "d2"]))),
            PartitionsDefinition(name: PartitionsDefinitionName("weekly"), kind: .static(StaticPartitions(keys: ["w1"]))),
        ])

    static func row(_ asset: String, _ partition: String?, _ reason: StaleReason, upstream: [(String, String?)] = []) -> StalenessRow {
        let causes: [StalenessCause] = upstream.map { up in
            reason == .upstreamNeverMaterialized
                ? .upstreamNeverMaterialized(asset: AssetKey(up.0), partition: up.1)
                : .upstreamStale(asset: AssetKey(up.0), partition: up.1, reason: .codeChanged)
        }
        return StalenessRow(
            asset: AssetKey(asset), partition: partition, status: reason.status, reason: reason,
            cause: causes.first ?? .neverMaterialized, since: nil, upstreamCauses: causes)
    }

    static let positions: [AssetKey: [String: Int]] = [
        "raw": ["d1": 0, "d2": 1], "clean": ["d1": 0, "d2": 1], "weekly": ["w1": 0],
    ]

    static func plan(_ rows: [StalenessRow], selected: [String], attempts: [AssetKey: [String: PartitionAttempt]] = [:])
        -> [ReconcileRun]
    {
        ReconcilePlanner(definitions: definitions).plan(
            rows: rows, selected: Set(selected.map(AssetKey.init)), attempts: attempts, positions: positions)
    }

    static let rows = [
        row("raw", "d2", .codeChanged), row("raw", "d1", .codeChanged),
        row("clean", "d1", .upstreamStale, upstream: [("raw", "d1")]),
        row("clean", "d2", .upstreamStale, upstream: [("raw", "d2")]),
        row("weekly", "w1", .upstreamStale, upstream: [("clean", "d1"), ("clean", "d2")]),
        row("report", nil, .upstreamStale, upstream: [("weekly", "w1")]),
        row("side", nil, .neverMaterialized),
    ]

    @Test("one run per definition and key, upstream strata first, partitions in order; the closure pulls upstream targets in")
    func groupingAndOrder() {
        let plan = Self.plan(Self.rows, selected: ["report"])
        #expect(plan.map(\.partition) == ["d1", "d2", "w1", nil])
        #expect(plan.map { $0.assets.map(\.rawValue) } == [["raw", "clean"], ["raw", "clean"], ["weekly"], ["report"]])
        #expect(!plan.contains { $0.assets.contains("side") }, "side is neither selected nor upstream of the selection")
        #expect(Set(plan.map(\.runKey)).count == 4)
        #expect(plan.allSatisfy { $0.runKey.hasPrefix("reconcile:") })
    }

    @Test("a run's label names its assets, then its partition in brackets (none when unpartitioned)")
    func labels() {
        let plan = Self.plan(Self.rows, selected: ["report"])
        #expect(plan.map(\.label) == ["raw, clean [d1]", "raw, clean [d2]", "weekly [w1]", "report"])
    }

    @Test("a partition with a run in flight is left out; a new last attempt changes the key, the same inputs keep it")
    func attempts() {
        let base = Self.plan(Self.rows, selected: ["clean"])
        #expect(base.map(\.partition) == ["d1", "d2"])
        let inFlight = Self.plan(Self.rows, selected: ["clean"], attempts: [
            "raw": ["d1": PartitionAttempt(inProgressRunID: "run_a", lastAttemptRunID: "run_a")],
            "clean": ["d1": PartitionAttempt(inProgressRunID: "run_a", lastAttemptRunID: "run_a")],
        ])
        #expect(inFlight.map(\.partition) == ["d2"], "clean d1 waits for raw d1, whose run is in flight")
        #expect(inFlight.first?.runKey == base[1].runKey)
        let failed = Self.plan(Self.rows, selected: ["clean"], attempts: [
            "clean": ["d1": PartitionAttempt(inProgressRunID: nil, lastAttemptRunID: "run_failed")],
        ])
        #expect(failed[0].runKey != base[0].runKey)
        #expect(failed[1].runKey == base[1].runKey)
    }

    @Test("waits given as row indices plan as the rows' causes do; a cause naming a fresh partition is not waited for")
    func waitsAsIndices() {
        var rows = Self.rows
        for index in rows.indices { rows[index].position = Self.positions[rows[index].asset]?[rows[index].partition ?? ""] ?? 0 }
        let fromCauses = ReconcileWaitGraph(causesOf: rows)
        // raw d2, raw d1, clean d1 → raw d1, clean d2 → raw d2, weekly → clean d1 and d2, report → weekly, side.
        var expected = ReconcileWaitGraph()
        for waits in [[], [], [1], [0], [2, 3], [4], []] {
            for wait in waits { expected.addWait(wait) }
            expected.endRow()
        }
        #expect(fromCauses == expected)
        let planner = ReconcilePlanner(definitions: Self.definitions)
        let none = [PartitionAttempt?](repeating: nil, count: rows.count)
        let byIndex = planner.plan(rows: rows, waits: expected, selected: ["report"], attempts: none)
        #expect(byIndex == Self.plan(Self.rows, selected: ["report"]))
        // Without its waits, report is planned alone: the waits are what pull upstream rows in.
        var unlinked = ReconcileWaitGraph()
        for _ in rows { unlinked.endRow() }
        #expect(planner.plan(rows: rows, waits: unlinked, selected: ["report"], attempts: none).map(\.partition) == [nil])
        // An attempt in flight at raw d1 (row 1) holds back clean d1 and everything reading it.
        var inFlight = none
        inFlight[1] = PartitionAttempt(inProgressRunID: "run_a", lastAttemptRunID: "run_a")
        #expect(
            planner.plan(rows: rows, waits: expected, selected: ["report"], attempts: inFlight).map(\.partition) == ["d2"])
        // raw d3 is no row (fresh, or unknown): nothing waits for it.
        let dangling = [Self.row("clean", "d1", .upstreamStale, upstream: [("raw", "d3")])]
        #expect(ReconcileWaitGraph(causesOf: dangling).waits(0).isEmpty)
    }

    @Test("a partition stale for its own reason still waits for stale upstream partitions it reads")
    func closureBehindOwnReason() {
        var clean = Self.row("clean", "d1", .codeChanged)
        clean.upstreamCauses = [.upstreamStale(asset: "raw", partition: "d1", reason: .codeChanged)]
        let plan = Self.plan([Self.row("raw", "d1", .codeChanged), clean], selected: ["clean"])
        #expect(plan.map { $0.assets.map(\.rawValue) } == [["raw", "clean"]])
        let blocked = Self.plan([Self.row("raw", "d1", .codeChanged), clean], selected: ["clean"], attempts: [
            "raw": ["d1": PartitionAttempt(inProgressRunID: "run_q", lastAttemptRunID: nil)],
        ])
        #expect(blocked.isEmpty, "raw d1 has a run queued; clean d1 must wait for it")
    }

    @Test("a mapping within one definition that may read later partitions puts the reader in a later stratum")
    func strataOfMappings() {
        let definitions = WorkspaceDefinitions(
            assets: [
                Self.asset("raw", partitions: "daily"),
                AssetDefinition(
                    key: "clean", command: .shell("true"), dependencies: [AssetDependency(asset: "raw", mapping: .all)],
                    partitions: PartitionsDefinitionName("daily")),
            ],
            partitions: [
                PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .static(StaticPartitions(keys: ["d1", "d2"]))),
            ])
        let rows = [
            Self.row("raw", "d1", .codeChanged), Self.row("raw", "d2", .codeChanged),
            Self.row("clean", "d1", .upstreamStale, upstream: [("raw", "d1"), ("raw", "d2")]),
            Self.row("clean", "d2", .upstreamStale, upstream: [("raw", "d1"), ("raw", "d2")]),
        ]
        let plan = ReconcilePlanner(definitions: definitions).plan(
            rows: rows, selected: ["clean"], attempts: [:], positions: Self.positions)
        #expect(plan.map { "\($0.assets.map(\.rawValue)) \($0.partition ?? "-")" } == [
            "[\"raw\"] d1", "[\"raw\"] d2", "[\"clean\"] d1", "[\"clean\"] d2",
        ], "clean d1 reads raw d2, so every raw run comes first")
    }

    @Test("consecutive keys merge into one ranged run when every asset's backfill_policy allows it")
    func rangesForSingleRun() {
        func definitions(_ policy: BackfillPolicy) -> WorkspaceDefinitions {
            WorkspaceDefinitions(
                assets: ["raw", "clean"].map { key in
                    AssetDefinition(
                        key: AssetKey(key), command: .shell("true"),
                        dependencies: key == "clean" ? [AssetDependency(asset: "raw")] : [],
                        partitions: PartitionsDefinitionName("daily"), backfillPolicy: policy)
                },
                partitions: [
                    PartitionsDefinition(
                        name: PartitionsDefinitionName("daily"),
                        kind: .static(StaticPartitions(keys: ["d1", "d2", "d3", "d4", "d5"]))),
                ])
        }
        let positions: [AssetKey: [String: Int]] = [
            "raw": ["d1": 0, "d2": 1, "d3": 2, "d4": 3, "d5": 4], "clean": ["d1": 0, "d2": 1, "d3": 2, "d4": 3, "d5": 4],
        ]
        // raw d1–d3 and d5 changed code; clean is stale behind d1–d3 and d5; d4 is fresh.
        let rows = ["d1", "d2", "d3", "d5"].map { Self.row("raw", $0, .codeChanged) }
            + ["d1", "d2", "d3", "d5"].map { Self.row("clean", $0, .upstreamStale, upstream: [("raw", $0)]) }
        func plan(_ policy: BackfillPolicy, _ rows: [StalenessRow]) -> [String] {
            ReconcilePlanner(definitions: definitions(policy)).plan(
                rows: rows, selected: ["raw", "clean"], attempts: [:], positions: positions
            ).map { "\($0.assets.map(\.rawValue).joined(separator: ",")) \($0.partition ?? "-")" }
        }
        #expect(plan(.singleRun, rows) == ["raw,clean d1...d3", "raw,clean d5"], "d4 is not stale, so d5 starts a run")
        #expect(plan(.multiRun(maxPartitionsPerRun: 2), rows) == ["raw,clean d1...d2", "raw,clean d3", "raw,clean d5"])
        #expect(plan(.default, rows) == ["raw,clean d1", "raw,clean d2", "raw,clean d3", "raw,clean d5"])
        // Where other assets are stale at one key, the runs split: a range run would
        // materialize every selected asset at every key of the range.
        let rawOnlyAtD2 = rows.filter { !($0.asset == "clean" && $0.partition == "d2") }
        #expect(plan(.singleRun, rawOnlyAtD2) == ["raw,clean d1", "raw d2", "raw,clean d3", "raw,clean d5"])

        let single = ReconcilePlanner(definitions: definitions(.singleRun)).plan(
            rows: rows, selected: ["clean"], attempts: [:], positions: positions)
        #expect(single[0].partitionRequest == .range(from: "d1", to: "d3"))
        #expect(single[0].partitions == ["d1", "d2", "d3"])
        #expect(
            single[0].targets.map { "\($0.asset.rawValue) \($0.partition ?? "-")" }
                == ["raw d1", "raw d2", "raw d3", "clean d1", "clean d2", "clean d3"], "targets in report order")
        var json: [UInt8] = []
        single[0].targets.writeJSON(to: &json)
        #expect(
            String(decoding: json, as: UTF8.self)
                == single[0].targets.map { CanonicalJSON.encode($0.json()) }.joined(separator: ","))
        #expect(single[1].partitionRequest == .key("d5"))
    }

    @Test("the run graph: same-day runs are independent, the week reads both days, the report the week, side nothing")
    func runGraph() {
        let plan = Self.plan(Self.rows, selected: ["report", "side"])
        func index(_ assets: [AssetKey], _ partition: String?) -> Int {
            plan.firstIndex { $0.assets == assets && $0.partition == partition }!
        }
        let sets: [AssetKey: PartitionSet] = [
            "raw": .keys(["d1", "d2"]), "clean": .keys(["d1", "d2"]), "weekly": .keys(["w1"]),
        ]
        // The week reads every day (an `all` mapping), as a weekly rollup of its days would.
        var assets = Self.definitions.assets
        assets[2] = AssetDefinition(
            key: "weekly", command: .shell("true"), dependencies: [AssetDependency(asset: "clean", mapping: .all)],
            partitions: PartitionsDefinitionName("weekly"))
        let definitions = WorkspaceDefinitions(assets: assets, partitions: Self.definitions.partitions)
        let graph = ReconcileRunGraph.upstream(of: plan, definitions: definitions, sets: sets, now: Timestamp(secondsSinceEpoch: 0))
        let (d1, d2) = (index(["raw", "clean"], "d1"), index(["raw", "clean"], "d2"))
        let (week, report, side) = (index(["weekly"], "w1"), index(["report"], nil), index(["side"], nil))
        #expect(graph[d1].isEmpty && graph[d2].isEmpty, "d1 and d2 read nothing planned")
        #expect(graph[week] == [d1, d2].sorted())
        #expect(graph[report] == [week])
        #expect(graph[side].isEmpty)
    }
}

