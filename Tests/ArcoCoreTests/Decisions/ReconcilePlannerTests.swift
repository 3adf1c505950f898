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
}
