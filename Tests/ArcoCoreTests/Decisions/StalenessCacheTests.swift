import ArcoCore
import Testing

/// The pieces of the verdict cache (ADR 0012): the row coding, the fingerprints, and restoring an
/// asset's verdicts into an evaluation.
@Suite struct StalenessCacheTests {
    typealias E = StalenessEvaluatorTests

    static let keys: [String?] = ["2024-01-01", "2024-01-02", "2024-01-03"]

    static func row(_ position: Int, _ reason: StaleReason, _ cause: StalenessCause?, since: Int64?) -> StalenessRow {
        var row = StalenessRow(
            asset: "clean", partition: keys[position], status: reason.status, reason: reason, cause: cause,
            since: since.map { E.at($0) })
        row.position = position
        return row
    }

    /// One row of every cause, with and without optional values, unicode and quotes.
    static let rows = [
        row(0, .neverMaterialized, .neverMaterialized, since: nil),
        row(0, .codeChanged, .codeChanged(materialized: nil, current: "2 \"é\"", materializedAt: E.at(5)), since: nil),
        row(1, .upstreamNeverMaterialized, .upstreamNeverMaterialized(asset: "raw", partition: nil), since: nil),
        row(1, .upstreamChanged, .upstreamChanged(
            asset: "raw", partition: "2024-01-02", consumed: nil, current: "v2", changedAt: nil), since: -3),
        row(2, .upstreamChanged, .upstreamChanged(
            asset: "raw", partition: "2024-01-03", consumed: "v1", current: "v2", changedAt: E.at(7)), since: 7),
        row(2, .upstreamStale, .upstreamStale(asset: "raw", partition: "2024-01-03", reason: .codeChanged), since: 9),
        row(2, .freshnessViolated, .freshnessViolated(
            materializedAt: E.at(1), maxLagSeconds: 3_600, cron: "0 9 * * *", deadline: E.at(3_601)), since: 3_601),
        row(2, .upstreamStale, nil, since: nil),
    ]

    @Test("rows round-trip through the coding, every cause and optional value")
    func roundTrip() {
        let bytes = StalenessRowCoding.encode(Self.rows)
        #expect(StalenessRowCoding.decode(bytes, asset: "clean", keys: Self.keys) == Self.rows)
        #expect(StalenessRowCoding.decode(StalenessRowCoding.encode([]), asset: "clean", keys: Self.keys) == [])
    }

    @Test("malformed bytes decode to nil, never to wrong rows or a trap")
    func malformed() {
        let bytes = StalenessRowCoding.encode(Self.rows)
        #expect(StalenessRowCoding.decode([], asset: "clean", keys: Self.keys) == nil)
        #expect(StalenessRowCoding.decode([2] + bytes.dropFirst(), asset: "clean", keys: Self.keys) == nil, "format")
        for length in [1, 2, bytes.count / 2, bytes.count - 1] {
            #expect(StalenessRowCoding.decode(Array(bytes.prefix(length)), asset: "clean", keys: Self.keys) == nil)
        }
        #expect(StalenessRowCoding.decode(bytes + [0], asset: "clean", keys: Self.keys) == nil, "trailing bytes")
        #expect(StalenessRowCoding.decode(bytes, asset: "clean", keys: ["only-one"]) == nil, "position past the keys")
        #expect(StalenessRowCoding.decode([1, 0xFF, 0xFF, 0xFF], asset: "clean", keys: Self.keys) == nil)
        // A position past Int.max: nil, not a trap.
        let huge: [UInt8] = [1, 1] + [UInt8](repeating: 0xFF, count: 9) + [0x01, 0, 0, 0]
        #expect(StalenessRowCoding.decode(huge, asset: "clean", keys: Self.keys) == nil)
    }

    @Test("entry counts: one slot per reason, then the fresh partitions")
    func entryCounts() {
        let entry = StalenessCacheEntry(asset: "clean", fingerprint: "f", rows: Array(Self.rows.prefix(3)), total: 10)
        #expect(entry.counts == [1, 1, 1, 0, 0, 0, 7])
        #expect(entry.counts.count == StalenessCacheEntry.countSlots)
        // Stored as one integer column per slot: StalenessCacheStoreTests round-trips them.
    }

    static let definitions = WorkspaceDefinitions(
        assets: E.chain + [E.asset("side", deps: [E.dep("raw")])], partitions: [])
    static let order: [AssetKey] = ["raw", "clean", "side", "report"]
    static let keyLists: [AssetKey: [String?]] = ["raw": [nil], "clean": [nil], "side": [nil], "report": [nil]]

    static func fingerprints(
        _ definitions: WorkspaceDefinitions = definitions, seqs: [AssetKey: Int64] = ["raw": 1, "clean": 2, "report": 3]
    ) -> [AssetKey: String] {
        StalenessFingerprints.compute(order: order, definitions: definitions, keys: keyLists, lastMaterialization: seqs)
    }

    @Test("a fingerprint changes with the asset's inputs and anything upstream, and only then")
    func fingerprints() {
        let base = Self.fingerprints()
        // Deterministic; across processes, StalenessCacheEndToEndTests sees entries reused.
        #expect(base == Self.fingerprints())
        #expect(Set(base.values).count == 4)
        // A new materialization of raw: raw and everything reading it, transitively.
        let rawRan = Self.fingerprints(seqs: ["raw": 9, "clean": 2, "report": 3])
        #expect(Self.order.allSatisfy { rawRan[$0] != base[$0] })
        // A new materialization of clean: clean and report; raw and side keep theirs.
        let cleanRan = Self.fingerprints(seqs: ["raw": 1, "clean": 9, "report": 3])
        #expect(cleanRan["raw"] == base["raw"] && cleanRan["side"] == base["side"])
        #expect(cleanRan["clean"] != base["clean"] && cleanRan["report"] != base["report"])
        // A code version, and a mapping.
        let coded = Self.fingerprints(WorkspaceDefinitions(
            assets: [E.asset("raw"), E.asset("clean", deps: [E.dep("raw")], code: "2"),
                     E.asset("report", deps: [E.dep("clean")]), E.asset("side", deps: [E.dep("raw")])],
            partitions: []))
        #expect(coded["raw"] == base["raw"] && coded["side"] == base["side"])
        #expect(coded["clean"] != base["clean"] && coded["report"] != base["report"])
        // A mapping, between partitioned assets.
        func partitioned(_ mapping: PartitionMapping?) -> [AssetKey: String] {
            let definitions = WorkspaceDefinitions(
                assets: ["raw", "clean"].map { key in
                    AssetDefinition(
                        key: AssetKey(key), command: .shell("true"),
                        dependencies: key == "clean" ? [E.dep("raw", mapping)] : [], partitions: PartitionsDefinitionName("p"))
                },
                partitions: [PartitionsDefinition(name: PartitionsDefinitionName("p"), kind: .static(StaticPartitions(keys: ["a"])))])
            return StalenessFingerprints.compute(
                order: ["raw", "clean"], definitions: definitions, keys: ["raw": ["a"], "clean": ["a"]],
                lastMaterialization: [:])
        }
        #expect(partitioned(nil)["clean"] != partitioned(.all)["clean"])
        #expect(partitioned(nil)["raw"] == partitioned(.all)["raw"])
        // The partition keys.
        func withRawKeys(_ keys: [String?]) -> [AssetKey: String] {
            var keyLists = Self.keyLists
            keyLists["raw"] = keys
            return StalenessFingerprints.compute(
                order: Self.order, definitions: WorkspaceDefinitions(
                    assets: [AssetDefinition(key: "raw", command: .shell("true"), partitions: PartitionsDefinitionName("p"))]
                        + Array(Self.definitions.assets.dropFirst()),
                    partitions: [PartitionsDefinition(name: PartitionsDefinitionName("p"), kind: .static(StaticPartitions(keys: ["a", "b"])))]),
                keys: keyLists, lastMaterialization: ["raw": 1, "clean": 2, "report": 3])
        }
        let withKeys = withRawKeys(["a", "b"])
        let withMoreKeys = withRawKeys(["a", "b", "c"])
        #expect(withKeys["raw"] != withMoreKeys["raw"] && withKeys["report"] != withMoreKeys["report"])
    }

    /// A daily definition with every field set, and `clean` reading `raw` through a time window.
    static func windowed(_ window: TimeWindowPartitions, mapping: PartitionMapping = .timeWindow(startOffset: -1, endOffset: 0))
        -> [AssetKey: String]
    {
        let name = PartitionsDefinitionName("daily")
        let definitions = WorkspaceDefinitions(
            assets: ["raw", "clean"].map { key in
                AssetDefinition(
                    key: AssetKey(key), command: .shell("true"), dependencies: key == "clean" ? [E.dep("raw", mapping)] : [],
                    partitions: name, codeVersion: key == "raw" ? "1" : nil)
            },
            partitions: [PartitionsDefinition(name: name, kind: .timeWindow(window))])
        let keys: [String?] = ["2024-01-01", "2024-01-02"]
        return StalenessFingerprints.compute(
            order: ["raw", "clean"], definitions: definitions, keys: ["raw": keys, "clean": keys],
            lastMaterialization: ["raw": 7])
    }

    static let window = TimeWindowPartitions(
        cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!,
        end: WallDateTime.parse("2024-01-03")!, timezone: "Europe/Paris", format: "%Y-%m-%d", endOffset: 1,
        exclusions: [.dateTime(WallDateTime.parse("2024-01-02")!)])

    @Test("a fingerprint is a fixed digest of canonical JSON: the same on every toolchain and every run")
    func stableFingerprint() {
        // If this fails, what fingerprints hash changed: raise StalenessFingerprints.version and
        // update the digests, or every store's cached verdicts could be served under new rules.
        // (The fold version is hashed too: fold version 7, sensors, changed these digests.)
        let fingerprints = Self.windowed(Self.window)
        #expect(fingerprints["raw"] == "7251dea8f10893cb80ff283c494ef50dfff9114b21254e93f990e7ce4247e13c")
        #expect(fingerprints["clean"] == "fb36d92b4f2028af43ed49b1bd43fd0ca97b1532e9d71eb9ca5ed10fca18c7c9")
        let definitions = WorkspaceDefinitions(assets: [], partitions: [])
        #expect(
            CanonicalJSON.encode(StalenessFingerprints.json(PartitionsDefinition(name: PartitionsDefinitionName("d"), kind: .timeWindow(Self.window)), in: definitions))
                == #"{"time_window":{"cadence":{"daily":{"hour":0,"minute":0}},"end":"2024-01-03T00:00:00","end_offset":1,"#
                + #""exclusions":[{"date_time":"2024-01-02T00:00:00"}],"format":"%Y-%m-%d","start":"2024-01-01T00:00:00","#
                + #""timezone":"Europe/Paris"}}"#)
        #expect(CanonicalJSON.encode(StalenessFingerprints.json(.timeWindow(startOffset: -1, endOffset: 0)))
            == #"{"time_window":{"end_offset":0,"start_offset":-1}}"#)
    }

    @Test("every field of a time-window definition and of a mapping is part of the fingerprint")
    func everyFieldCounts() {
        let base = Self.windowed(Self.window)
        var variants: [TimeWindowPartitions] = []
        func vary(_ change: (inout TimeWindowPartitions) -> Void) {
            var window = Self.window
            change(&window)
            variants.append(window)
        }
        vary { $0.cadence = .daily(minuteOffset: 0, hourOffset: 1) }
        vary { $0.start = WallDateTime.parse("2023-12-31")! }
        vary { $0.end = nil }
        vary { $0.timezone = "UTC" }
        vary { $0.format = "%Y%m%d" }
        vary { $0.endOffset = 0 }
        vary { $0.exclusions = [] }
        for (index, variant) in variants.enumerated() {
            #expect(Self.windowed(variant)["raw"] != base["raw"], "field \(index)")
        }
        #expect(Self.windowed(Self.window, mapping: .timeWindow(startOffset: -2, endOffset: 0))["clean"] != base["clean"])
        #expect(Self.windowed(Self.window, mapping: .timeWindow(startOffset: -1, endOffset: 1))["clean"] != base["clean"])
        #expect(Self.windowed(Self.window, mapping: .timeWindow(startOffset: -1, endOffset: 1))["raw"] == base["raw"])
    }

    @Test("restored verdicts let downstream assets evaluate as if the asset had been evaluated")
    func restore() throws {
        let facts: [String: [String: PartitionFacts]] = [
            "raw": ["": E.facts("r2", code: "1", at: 5)],
            "clean": ["": E.facts("c1", at: 6, consumed: [E.consumed("raw", "r1")])],
            "report": ["": E.facts("p1", at: 7, consumed: [E.consumed("clean", "c1")])],
        ]
        let assets = [E.asset("raw", code: "2"), E.asset("clean", deps: [E.dep("raw")]), E.asset("report", deps: [E.dep("clean")])]
        let full = try E.rows(assets, facts)
        // Evaluate raw and clean once; then a fresh evaluator restores clean from those rows
        // (raw is not even looked at) and evaluates report.
        let definitions = WorkspaceDefinitions(assets: assets, partitions: [])
        var evaluator = StalenessEvaluator(definitions: definitions, selection: ["report"], sets: [:], now: E.at(100))
        let cleanRows = full.filter { $0.asset == "clean" && $0.status != .fresh }
        #expect(!cleanRows.isEmpty)
        evaluator.restore("clean", facts: facts["clean"] ?? [:], rows: cleanRows)
        var report: [StalenessRow] = []
        evaluator.evaluate("report", facts: facts["report"] ?? [:]) { report.append($0) }
        #expect(report == full.filter { $0.asset == "report" })
        #expect(report.first?.reason == .upstreamStale)
    }
}
