import ArcoCore
import ArcoTesting
import Testing

/// Refreshing cached verdicts at the partitions materializations reached (ADR 0012): which
/// assets and positions, the byte splice, and that the result is what a full evaluation gives.
@Suite struct StalenessRefreshTests {
    typealias E = StalenessEvaluatorTests

    /// Ten daily partitions, 2024-01-01 to 2024-01-10.
    static let tenDays = TimeWindowPartitions(
        cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!,
        end: WallDateTime.parse("2024-01-11")!)
    static let days = (1...10).map { String(format: "2024-01-%02d", $0) }

    /// raw → clean (same key) → total (unpartitioned); raw → lagged (yesterday's raw).
    static let assets = [
        E.asset("raw", daily: true), E.asset("clean", deps: [E.dep("raw")], daily: true),
        E.asset("lagged", deps: [E.dep("raw", .timeWindow(startOffset: -1, endOffset: -1))], daily: true),
        E.asset("total", deps: [E.dep("clean")]),
    ]

    static let definitions = WorkspaceDefinitions(
        assets: assets,
        partitions: [PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .timeWindow(tenDays))])

    static func evaluator() throws -> StalenessEvaluator {
        let set = PartitionSet.timeWindow(try TimeWindowPartitionSet(tenDays))
        return StalenessEvaluator(
            definitions: definitions, selection: assets.map(\.key), sets: ["raw": set, "clean": set, "lagged": set],
            now: E.at(100 * 86_400), applyFreshness: false)
    }

    static let everyAsset: Set<AssetKey> = ["raw", "clean", "lagged", "total"]

    static let dailyStamp = StalenessFingerprints.keysStamp(days.map { Optional($0) })

    static func entries(asOf: Int64) -> [AssetKey: StalenessRefresh.Entry] {
        Dictionary(uniqueKeysWithValues: everyAsset.map { asset in
            (asset, StalenessRefresh.Entry(
                structure: "s", asOf: asOf, keys: asset == "total" ? StalenessFingerprints.keysStamp([nil]) : dailyStamp))
        })
    }

    static let structures = Dictionary(uniqueKeysWithValues: everyAsset.map { ($0, "s") })

    static func plan(
        changes: [StalenessRefresh.Change]?, entries: [AssetKey: StalenessRefresh.Entry] = entries(asOf: 5),
        structures: [AssetKey: String] = structures
    ) throws -> StalenessRefresh {
        var evaluator = try evaluator()
        return StalenessRefresh.plan(
            order: evaluator.order, definitions: definitions, outOfDate: everyAsset, entries: entries,
            structures: structures, changes: changes, evaluator: &evaluator)
    }

    @Test("same-key readers refresh at the materialized positions; other mappings and unpartitioned readers evaluate in full")
    func whatRefreshes() throws {
        let raw02 = [StalenessRefresh.Change(asset: "raw", partition: "2024-01-02", seq: 10)]
        let plan = try Self.plan(changes: raw02)
        #expect(plan.refresh == ["raw": [1], "clean": [1]])
        #expect(plan.readInFull == ["raw", "clean"], "lagged reads raw and total reads clean, both in full")
        #expect(plan.readAt.isEmpty)

        // Changes at or before an entry's position are already in it.
        let caughtUp = try Self.plan(changes: raw02, entries: Self.entries(asOf: 10))
        #expect(caughtUp.refresh == ["raw": [], "clean": [], "lagged": [], "total": []])
        #expect(caughtUp.readInFull.isEmpty)
        #expect(caughtUp.readAt.isEmpty)

        // A change of structure (code version, keys, mappings) is evaluated in full; what reads
        // it still refreshes, against its full evaluation.
        var structures = Self.structures
        structures["raw"] = "other"
        let changedRaw = try Self.plan(changes: raw02, structures: structures)
        #expect(changedRaw.refresh == ["clean": [1]])

        // Too many changes to read, or an entry from before refreshes existed: in full.
        #expect(try Self.plan(changes: nil).refresh.isEmpty)
        var old = Self.entries(asOf: 5)
        old["clean"] = StalenessRefresh.Entry(structure: "", asOf: 0, keys: nil)
        #expect(try Self.plan(changes: raw02, entries: old, structures: Self.structures).refresh == ["raw": [1]])

        // Every partition touched: in full.
        let everyDay = Self.days.enumerated().map {
            StalenessRefresh.Change(asset: "clean", partition: $0.element, seq: 10 + Int64($0.offset))
        }
        #expect(try Self.plan(changes: everyDay).refresh == ["raw": [], "lagged": []])
    }

    @Test("keys appended since an entry are positions to evaluate; other key changes evaluate in full")
    func appendedKeys() throws {
        var entries = Self.entries(asOf: 5)
        func stamp(_ keys: [String]) -> KeysStamp { StalenessFingerprints.keysStamp(keys.map { Optional($0) }) }
        entries["raw"]?.keys = stamp(Array(Self.days.prefix(8)))
        entries["clean"]?.keys = stamp(Array(Self.days.prefix(9)))
        entries["lagged"]?.keys = stamp(["2023-12-31"] + Self.days.prefix(8))
        let plan = try Self.plan(changes: [], entries: entries)
        #expect(plan.refresh["raw"] == [8, 9])
        #expect(plan.refresh["clean"] == [9])
        #expect(plan.refresh["lagged"] == nil, "its keys were not a prefix of today's")
        #expect(plan.refresh["total"] == [])
        var all = Self.entries(asOf: 5)
        all["raw"]?.keys = stamp([])
        #expect(try Self.plan(changes: [], entries: all).refresh["raw"] == nil, "every position new: in full")
    }

    @Test("a new day leaves same-key readers' structure as it was and changes those reading through other mappings")
    func structuresAcrossDays() throws {
        let open = TimeWindowPartitions(
            cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!)
        let definitions = WorkspaceDefinitions(
            assets: Self.assets,
            partitions: [PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .timeWindow(open))])
        let set = PartitionSet.timeWindow(try TimeWindowPartitionSet(open))
        func structures(onDay day: Int64) -> [AssetKey: String] {
            var evaluator = StalenessEvaluator(
                definitions: definitions, selection: Self.assets.map(\.key), sets: ["raw": set, "clean": set, "lagged": set],
                now: E.at(day * 86_400 + 1_800), applyFreshness: false)
            var keys: [AssetKey: [String?]] = [:]
            for asset in evaluator.order { keys[asset] = evaluator.keys(of: asset).keys }
            return StalenessFingerprints.structures(
                order: evaluator.order, definitions: definitions, keys: keys, evaluator: &evaluator)
        }
        let today = structures(onDay: 9)
        let tomorrow = structures(onDay: 10)
        #expect(today["raw"] == tomorrow["raw"] && today["clean"] == tomorrow["clean"], "same keys, appended: refreshed")
        #expect(today["lagged"] != tomorrow["lagged"], "reads raw through a time window: evaluated in full")
        #expect(today["total"] != tomorrow["total"], "unpartitioned, reads every key of clean: evaluated in full")
    }

    @Test("a refreshed reader needs its upstream asset only at the positions it evaluates")
    func readAtPositions() throws {
        // Only clean changed: raw is read by clean at 2024-01-04 (and nothing reads it in full).
        let clean04 = [StalenessRefresh.Change(asset: "clean", partition: "2024-01-04", seq: 10)]
        var entries = Self.entries(asOf: 5)
        entries["total"] = StalenessRefresh.Entry(structure: "", asOf: 0, keys: nil)
        let plan = try Self.plan(changes: clean04, entries: entries)
        #expect(plan.refresh == ["raw": [], "clean": [3], "lagged": []])
        #expect(plan.readAt == ["raw": [3]])
        #expect(plan.readInFull == ["clean"], "total is evaluated in full")
    }

    @Test("a splice keeps the other rows' bytes and puts the new rows in partition order")
    func splice() {
        func row(_ position: Int, _ reason: StaleReason, since: Int64?) -> StalenessRow {
            var row = StalenessRow(
                asset: "clean", partition: Self.days[position], status: reason.status, reason: reason,
                cause: reason == .neverMaterialized
                    ? .neverMaterialized : .upstreamStale(asset: "raw", partition: Self.days[position], reason: .codeChanged),
                since: since.map { E.at($0) })
            row.position = position
            return row
        }
        let before = [row(0, .neverMaterialized, since: nil), row(3, .upstreamStale, since: 4), row(7, .upstreamStale, since: 8)]
        let bytes = StalenessRowCoding.encode(before)
        let records = try! #require(StalenessRowCoding.records(bytes, keyCount: 10))
        #expect(records.map(\.position) == [0, 3, 7])
        #expect(records.map(\.reason) == [.neverMaterialized, .upstreamStale, .upstreamStale])
        #expect(records.map(\.since) == [nil, E.at(4), E.at(8)])
        // Position 3 becomes fresh, 5 stale, 7 stale for another reason; 0 is kept.
        let evaluated = [row(5, .upstreamStale, since: 6), row(7, .neverMaterialized, since: nil)]
        let spliced = StalenessRowCoding.splice(bytes, records: records, replacing: [3, 5, 7], with: evaluated)
        #expect(StalenessRowCoding.decode(spliced, asset: "clean", keys: Self.days) == [before[0]] + evaluated)
        #expect(StalenessRowCoding.splice(bytes, records: records, replacing: [], with: []) == bytes)
        #expect(StalenessRowCoding.records(Array(bytes.dropLast()), keyCount: 10) == nil)
        #expect(StalenessRowCoding.records(bytes, keyCount: 5) == nil, "a position past the keys")
    }

    /// The non-fresh rows of every asset, evaluated in full.
    static func evaluated(_ facts: [String: [String: PartitionFacts]]) throws -> [AssetKey: [StalenessRow]] {
        var evaluator = try evaluator()
        var rows: [AssetKey: [StalenessRow]] = [:]
        for asset in evaluator.order {
            var assetRows: [StalenessRow] = []
            evaluator.evaluate(asset, facts: facts[asset.rawValue] ?? [:]) { if $0.status != .fresh { assetRows.append($0) } }
            rows[asset] = assetRows
        }
        return rows
    }

    @Test("refreshed verdicts equal a full evaluation, over random histories and materializations")
    func refreshEqualsEvaluation() throws {
        var generator = SplitMixGenerator(seed: 17)
        for _ in 0..<60 {
            // A random history: partitions materialized or not, consuming current or old versions.
            var facts: [String: [String: PartitionFacts]] = [:]
            var current: [String: [String: String]] = [:]
            var seq: Int64 = 0
            func materialize(_ asset: String, _ key: String?, at time: Int64) {
                seq += 1
                let version = "\(asset)-\(seq)"
                let definition = Self.assets.first { $0.key.rawValue == asset }!
                let consumed = definition.dependencies.flatMap { dependency -> [ConsumedVersion] in
                    let upstream = dependency.asset.rawValue
                    let keys: [String?] =
                        key == nil ? Self.days : dependency.mapping == nil ? [key] : [Self.day(before: key!)].compactMap { $0 }
                    return keys.map { upstreamKey in
                        let stale = Int.random(in: 0..<4, using: &generator) == 0
                        return E.consumed(upstream, upstreamKey, stale ? "old" : current[upstream]?[upstreamKey ?? ""])
                    }
                }
                facts[asset, default: [:]][key ?? ""] = E.facts(version, at: time, consumed: consumed)
                current[asset, default: [:]][key ?? ""] = version
            }
            for asset in ["raw", "clean", "lagged"] {
                for day in Self.days where Int.random(in: 0..<5, using: &generator) > 0 { materialize(asset, day, at: seq) }
            }
            materialize("total", nil, at: seq)
            let before = try Self.evaluated(facts)
            let asOf = seq
            // Then one to three more materializations.
            var changes: [StalenessRefresh.Change] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let asset = ["raw", "clean", "lagged", "total"].randomElement(using: &generator)!
                let key = asset == "total" ? nil : Self.days.randomElement(using: &generator)!
                materialize(asset, key, at: seq + 1_000)
                changes.append(StalenessRefresh.Change(asset: AssetKey(asset), partition: key, seq: seq))
            }
            let expected = try Self.evaluated(facts)

            // Out of date: what a change reaches through any mapping, as fingerprints say.
            var outOfDate = Set(changes.map(\.asset))
            for asset in Self.assets where asset.dependencies.contains(where: { outOfDate.contains($0.asset) }) {
                outOfDate.insert(asset.key)
            }
            var evaluator = try Self.evaluator()
            let encoded = before.mapValues { StalenessRowCoding.encode($0) }
            let plan = StalenessRefresh.plan(
                order: evaluator.order, definitions: Self.definitions, outOfDate: outOfDate,
                entries: Self.entries(asOf: asOf), structures: Self.structures, changes: changes, evaluator: &evaluator)
            for asset in evaluator.order {
                let list = evaluator.keys(of: asset)
                let all = facts[asset.rawValue] ?? [:]
                func factsAt(_ positions: [Int]) -> [String: PartitionFacts] {
                    all.filter { key, _ in positions.contains { (list.keys[$0] ?? "") == key } }
                }
                let bytes = encoded[asset] ?? []
                let records = try #require(StalenessRowCoding.records(bytes, keyCount: list.keys.count))
                if let positions = plan.refresh[asset] {
                    let known = plan.readInFull.contains(asset) ? all : factsAt(positions + (plan.readAt[asset] ?? []))
                    let rows = evaluator.refresh(asset, facts: known, positions: positions, previous: records)
                    let spliced = StalenessRowCoding.splice(bytes, records: records, replacing: positions, with: rows)
                    #expect(
                        StalenessRowCoding.decode(spliced, asset: asset, keys: list.keys) == expected[asset],
                        "\(asset) refreshed at \(positions) after \(changes.map { "\($0.asset) \($0.partition ?? "-")" })")
                } else if outOfDate.contains(asset) {
                    var rows: [StalenessRow] = []
                    evaluator.evaluate(asset, facts: all) { if $0.status != .fresh { rows.append($0) } }
                    #expect(rows == expected[asset], "\(asset) evaluated in full")
                } else {
                    #expect(before[asset] == expected[asset], "\(asset) is up to date")
                    if plan.readInFull.contains(asset) {
                        evaluator.restore(asset, facts: all, records: records)
                    } else if let positions = plan.readAt[asset] {
                        evaluator.restore(asset, facts: factsAt(positions), records: records)
                    } else {
                        evaluator.skip(asset)
                    }
                }
            }
        }
    }

    static func day(before key: String) -> String? {
        guard let index = days.firstIndex(of: key), index > 0 else { return nil }
        return days[index - 1]
    }
}
