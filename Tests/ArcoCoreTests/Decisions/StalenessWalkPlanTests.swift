import ArcoCore
import ArcoTesting
import Testing

/// The pure plan of a staleness walk (issue 16): each asset's step, the facts it reads, the
/// prefetch list that comes from it, and that carrying it out from the cache gives the rows a
/// full evaluation gives.
@Suite struct StalenessWalkPlanTests {
    typealias E = StalenessEvaluatorTests
    typealias R = StalenessRefreshTests

    /// Plans over `StalenessRefreshTests`' workspace (raw → clean → total, raw → lagged).
    static func plan(
        outOfDate: Set<AssetKey>, changes: [StalenessRefresh.Change]?,
        entries: [AssetKey: StalenessRefresh.Entry] = R.entries(asOf: 5)
    ) throws -> StalenessWalkPlan {
        var evaluator = try R.evaluator()
        return StalenessWalkPlan(
            order: evaluator.order, definitions: R.definitions, outOfDate: outOfDate,
            entries: entries.filter { outOfDate.contains($0.key) }, structures: R.structures, changes: changes,
            evaluator: &evaluator)
    }

    static func steps(_ plan: StalenessWalkPlan) -> [AssetKey: StalenessAssetStep] {
        Dictionary(uniqueKeysWithValues: plan.steps.map { ($0.asset, $0) })
    }

    @Test("nothing out of date: every asset reused, no facts read, nothing read ahead")
    func allReused() throws {
        let plan = try Self.plan(outOfDate: [], changes: nil)
        #expect(plan.steps.map(\.asset) == (try R.evaluator()).order)
        #expect(plan.steps.allSatisfy { $0.verdicts == .reuse && $0.facts == .none })
        #expect(plan.prefetch.isEmpty)
        #expect(plan.refreshed.isEmpty)
    }

    @Test("refreshed, evaluated and read-in-full assets read all their facts, in walk order, and those are read ahead")
    func refreshAndEvaluate() throws {
        let raw02 = [StalenessRefresh.Change(asset: "raw", partition: "2024-01-02", seq: 10)]
        let plan = try Self.plan(outOfDate: R.everyAsset, changes: raw02)
        let steps = Self.steps(plan)
        // lagged reads raw through a time window, total reads every key of clean: both in full.
        #expect(steps["raw"] == StalenessAssetStep("raw", .refresh(positions: [1]), facts: .all))
        #expect(steps["clean"] == StalenessAssetStep("clean", .refresh(positions: [1]), facts: .all))
        #expect(steps["lagged"] == StalenessAssetStep("lagged", .evaluate, facts: .all))
        #expect(steps["total"] == StalenessAssetStep("total", .evaluate, facts: .all))
        #expect(plan.prefetch == (try R.evaluator()).order)
        #expect(Set(plan.refreshed) == ["raw", "clean"])
    }

    @Test("a current asset read by a refreshed one is restored at the positions read; one read by none is skipped")
    func reuseWithFacts() throws {
        // clean and total changed; clean is refreshed at 2024-01-04 and reads raw there.
        let clean04 = [StalenessRefresh.Change(asset: "clean", partition: "2024-01-04", seq: 10)]
        var entries = R.entries(asOf: 5)
        entries["total"] = nil
        let plan = try Self.plan(outOfDate: ["clean", "total"], changes: clean04, entries: entries)
        let steps = Self.steps(plan)
        #expect(steps["raw"] == StalenessAssetStep("raw", .reuse, facts: .at([3])))
        #expect(steps["raw"]?.needsCachedRows == true, "restored from its records")
        #expect(steps["lagged"] == StalenessAssetStep("lagged", .reuse, facts: .none))
        #expect(steps["lagged"]?.needsCachedRows == false)
        #expect(steps["clean"] == StalenessAssetStep("clean", .refresh(positions: [3]), facts: .all), "total reads it in full")
        #expect(steps["total"] == StalenessAssetStep("total", .evaluate, facts: .all))
        #expect(plan.prefetch == ["clean", "total"])

        // Without total out of date, clean's facts are read at the refreshed position only.
        let alone = try Self.plan(outOfDate: ["clean"], changes: clean04)
        #expect(Self.steps(alone)["clean"] == StalenessAssetStep("clean", .refresh(positions: [3]), facts: .at([3])))
        #expect(alone.prefetch.isEmpty)
    }

    @Test("a cached asset whose fingerprint matches is current; structure decides what may be refreshed")
    func outOfDateAndRefreshable() {
        let header = { (fingerprint: String, structure: String) in
            StalenessCacheHeader(
                fingerprint: fingerprint, counts: [0, 0, 0, 0, 0, 0, 1],
                refresh: StalenessRefresh.Entry(structure: structure, asOf: 3, keys: KeysStamp(keys: [nil])))
        }
        let cached: [AssetKey: StalenessCacheHeader] = [
            "a": header("fa", "sa"), "b": header("old", "sb"), "c": header("old", ""), "d": header("old", "moved"),
            "e": header("old", "se"),
        ]
        let fingerprints: [AssetKey: String] = ["a": "fa", "b": "fb", "c": "fc", "d": "fd", "e": "fe", "f": "ff"]
        let outOfDate = StalenessWalkPlan.outOfDate(
            order: ["a", "b", "c", "d", "e", "f"], fingerprints: fingerprints, cached: cached)
        #expect(outOfDate == ["b", "c", "d", "e", "f"], "f is not cached")
        let structures: [AssetKey: String] = ["a": "sa", "b": "sb", "c": "sc", "d": "sd", "e": "se", "f": "sf"]
        let entries = StalenessWalkPlan.refreshable(outOfDate, cached: cached, structures: structures, damaged: ["e"])
        #expect(Set(entries.keys) == ["b"], "c has no structure, d's moved, e's rows are damaged, f has no entry")
        #expect(StalenessWalkPlan.changesAfter(entries) == 3)
        #expect(StalenessWalkPlan.changesAfter([:]) == nil)
    }

    @Test("facts at more positions than one query binds are read in full")
    func factsCap() {
        let most = Array(0..<Limits.stalenessFactsKeysMax)
        #expect(StalenessWalkPlan.facts(at: most) == .at(most))
        #expect(StalenessWalkPlan.facts(at: most + [Limits.stalenessFactsKeysMax]) == .all)
    }

    @Test("carrying the plan out from the cache gives the rows of a full evaluation, and reads ahead what it reads in full")
    func planEqualsEvaluation() throws {
        var seen: [String: Int] = [:]
        for iteration in 0..<80 {
            let seed = UInt64(9_000 + iteration)
            var generator = SplitMixGenerator(seed: seed)
            var history = WalkHistory()
            history.materializeRandomly(using: &generator)
            let cache = try history.cache(using: &generator)
            for _ in 0..<Int.random(in: 0...3, using: &generator) { history.materializeOne(using: &generator) }
            let expected = try R.evaluated(history.facts)
            for step in try history.walk(from: cache, expected: expected, seed: seed) {
                switch (step.verdicts, step.facts) {
                case (.reuse, .none): seen["skipped", default: 0] += 1
                case (.reuse, _): seen["restored", default: 0] += 1
                case (.refresh, .at): seen["refreshed at positions", default: 0] += 1
                case (.refresh, _): seen["refreshed, read in full", default: 0] += 1
                case (.evaluate, _): seen["evaluated", default: 0] += 1
                }
            }
        }
        // The random histories reach every kind of step, or the property says little.
        #expect(seen.count == 5, "\(seen)")
    }
}

/// A random materialization history over `StalenessRefreshTests`' workspace, its cache, and a
/// walk planned from that cache.
struct WalkHistory {
    typealias E = StalenessEvaluatorTests
    typealias R = StalenessRefreshTests

    var facts: [String: [String: PartitionFacts]] = [:]
    var current: [String: [String: String]] = [:]
    var changes: [StalenessRefresh.Change] = []
    var last: [AssetKey: Int64] = [:]
    var seq: Int64 = 0

    /// A cache as a walk at the current position would have saved it, with some entries missing
    /// and some from before refreshes existed (no structure).
    struct Cache {
        var headers: [AssetKey: StalenessCacheHeader] = [:]
        var rows: [AssetKey: [UInt8]] = [:]
    }

    mutating func materialize(_ asset: String, _ key: String?, at time: Int64, using generator: inout SplitMixGenerator) {
        seq += 1
        let version = "\(asset)-\(seq)"
        let definition = R.assets.first { $0.key.rawValue == asset }!
        let consumed = definition.dependencies.flatMap { dependency -> [ConsumedVersion] in
            let upstream = dependency.asset.rawValue
            let keys: [String?] = key == nil ? R.days : dependency.mapping == nil ? [key] : [R.day(before: key!)].compactMap { $0 }
            return keys.map { upstreamKey in
                let stale = Int.random(in: 0..<4, using: &generator) == 0
                return E.consumed(upstream, upstreamKey, stale ? "old" : current[upstream]?[upstreamKey ?? ""])
            }
        }
        facts[asset, default: [:]][key ?? ""] = E.facts(version, at: time, consumed: consumed)
        current[asset, default: [:]][key ?? ""] = version
        changes.append(StalenessRefresh.Change(asset: AssetKey(asset), partition: key, seq: seq))
        last[AssetKey(asset)] = seq
    }

    mutating func materializeRandomly(using generator: inout SplitMixGenerator) {
        for asset in ["raw", "clean", "lagged"] {
            for day in R.days where Int.random(in: 0..<5, using: &generator) > 0 { materialize(asset, day, at: seq, using: &generator) }
        }
        if Int.random(in: 0..<4, using: &generator) > 0 { materialize("total", nil, at: seq, using: &generator) }
    }

    mutating func materializeOne(using generator: inout SplitMixGenerator) {
        let asset = ["raw", "clean", "lagged", "total"].randomElement(using: &generator)!
        let key = asset == "total" ? nil : R.days.randomElement(using: &generator)!
        materialize(asset, key, at: seq + 1_000, using: &generator)
    }

    /// Fingerprints and structures at the current position.
    func inputs(_ evaluator: inout StalenessEvaluator) -> (fingerprints: [AssetKey: String], structures: [AssetKey: String]) {
        var keys: [AssetKey: [String?]] = [:]
        for asset in evaluator.order { keys[asset] = evaluator.keys(of: asset).keys }
        let fingerprints = StalenessFingerprints.compute(
            order: evaluator.order, definitions: R.definitions, keys: keys, lastMaterialization: last)
        let structures = StalenessFingerprints.structures(
            order: evaluator.order, definitions: R.definitions, keys: keys, evaluator: &evaluator)
        return (fingerprints, structures)
    }

    /// What a full walk now would save, less some entries.
    func cache(using generator: inout SplitMixGenerator) throws -> Cache {
        let rows = try R.evaluated(facts)
        var evaluator = try R.evaluator()
        let (fingerprints, structures) = inputs(&evaluator)
        var cache = Cache()
        for asset in evaluator.order where Int.random(in: 0..<6, using: &generator) > 0 {
            let old = Int.random(in: 0..<6, using: &generator) == 0
            let entry = StalenessCacheEntry(
                asset: asset, fingerprint: fingerprints[asset]!, rows: rows[asset] ?? [],
                total: evaluator.keys(of: asset).keys.count)
            cache.headers[asset] = StalenessCacheHeader(
                fingerprint: entry.fingerprint, counts: entry.counts,
                refresh: StalenessRefresh.Entry(
                    structure: old ? "" : structures[asset]!, asOf: seq,
                    keys: old ? nil : KeysStamp(keys: evaluator.keys(of: asset).keys)))
            cache.rows[asset] = entry.rows
        }
        return cache
    }

    /// Plans a walk from `cache` as the engine does, carries it out, and checks every asset's
    /// rows and counts, and that what it read in full is the plan's prefetch list.
    @discardableResult
    func walk(from cache: Cache, expected: [AssetKey: [StalenessRow]], seed: UInt64) throws -> [StalenessAssetStep] {
        var evaluator = try R.evaluator()
        let (fingerprints, structures) = inputs(&evaluator)
        let outOfDate = StalenessWalkPlan.outOfDate(order: evaluator.order, fingerprints: fingerprints, cached: cache.headers)
        let entries = StalenessWalkPlan.refreshable(outOfDate, cached: cache.headers, structures: structures)
        let after = StalenessWalkPlan.changesAfter(entries)
        let plan = StalenessWalkPlan(
            order: evaluator.order, definitions: R.definitions, outOfDate: outOfDate, entries: entries,
            structures: outOfDate.isEmpty ? [:] : structures, changes: after.map { after in changes.filter { $0.seq > after } },
            evaluator: &evaluator)
        var readInFull: [AssetKey] = []
        for step in plan.steps {
            let asset = step.asset
            let list = evaluator.keys(of: asset)
            let all = facts[asset.rawValue] ?? [:]
            var known: [String: PartitionFacts] = [:]
            switch step.facts {
            case .none: break
            case .all:
                known = all
                readInFull.append(asset)
            case .at(let positions): known = all.filter { key, _ in positions.contains { (list.keys[$0] ?? "") == key } }
            }
            let cached = step.needsCachedRows ? cache.rows[asset].flatMap { StalenessCachedRows($0, keyCount: list.keys.count) } : nil
            let rows: [StalenessRow]?
            switch step.run(&evaluator, facts: known, cached: cached) {
            case .reused: rows = cache.rows[asset].flatMap { StalenessRowCoding.decode($0, asset: asset, keys: list.keys) }
            case .refreshed(let bytes, let counts):
                rows = StalenessRowCoding.decode(bytes, asset: asset, keys: list.keys)
                #expect(counts == StalenessCacheEntry.counts(of: expected[asset] ?? [], total: list.keys.count), "seed \(seed)")
            case .evaluated(let evaluated): rows = evaluated
            }
            #expect(rows == expected[asset], "seed \(seed): \(asset) \(step.verdicts) reading \(step.facts)")
        }
        #expect(readInFull == plan.prefetch, "seed \(seed)")
        return plan.steps
    }
}
