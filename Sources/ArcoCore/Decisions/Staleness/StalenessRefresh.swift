/// Which out-of-date cached assets can be refreshed at a few partitions instead of evaluated
/// again in full (ADR 0012), and which partitions of every asset the walk must then read.
///
/// A partition's verdict follows from its own facts, which change only when it is materialized,
/// and from the facts and verdicts of the upstream partitions it reads. So, while an asset's
/// structure (code version, keys, mappings, and the same upstream) is what its entry was
/// computed with, only the partitions that were materialized since the entry's ledger position,
/// or that read such a partition through a chain of same-key dependencies, can have another
/// verdict. A materialization reaching the asset through any other mapping (an unpartitioned
/// upstream asset, a time window, `all`) makes it evaluate in full, as does a change that
/// touches every one of its partitions.
///
/// Keys appended since (a new day of a time-window set, new dynamic keys at the end) are new
/// positions to evaluate, and the asset's existing positions read the same partitions as
/// before through same-key reads; through any other mapping they may not, and the structure
/// fingerprint, which holds the keys of upstream assets read that way, says so.
public struct StalenessRefresh: Sendable, Equatable {
    /// The assets to refresh, with the positions to evaluate again, in increasing order.
    public var refresh: [AssetKey: [Int]] = [:]
    /// The assets an asset evaluated in full reads: all their facts and verdicts are needed.
    public var readInFull: Set<AssetKey> = []
    /// For the other assets read by refreshed ones, the positions read, in increasing order.
    public var readAt: [AssetKey: [Int]] = [:]

    /// An out-of-date cached entry: what it was computed from.
    public struct Entry: Sendable, Hashable {
        public var structure: String
        public var asOf: Int64
        /// The keys it covers; nil when it cannot be refreshed.
        public var keys: KeysStamp?

        public init(structure: String, asOf: Int64, keys: KeysStamp?) {
            self.structure = structure
            self.asOf = asOf
            self.keys = keys
        }
    }

    /// A materialization recorded after some entry's `asOf`.
    public struct Change: Sendable {
        public var asset: AssetKey
        public var partition: String?
        public var seq: Int64

        public init(asset: AssetKey, partition: String?, seq: Int64) {
            self.asset = asset
            self.partition = partition
            self.seq = seq
        }
    }

    public init() {}

    /// A prefix of a partitions definition's keys.
    private struct PrefixKey: Hashable {
        var definition: PartitionsDefinitionName
        var count: Int
    }

    /// Plans the refresh.
    ///
    /// - Parameters:
    ///   - order: the walk's assets, each after those it reads.
    ///   - definitions: the definitions the evaluator evaluates.
    ///   - outOfDate: the assets to compute (their fingerprints changed, or they are not cached).
    ///   - entries: the cached entries of out-of-date assets, whose rows decode.
    ///   - structures: every asset's current `StalenessFingerprints.structures`.
    ///   - changes: every materialization after the smallest `asOf` of `entries`; nil when there
    ///     were too many to read, and then every out-of-date asset is evaluated in full.
    ///   - evaluator: the evaluation's keys and mappings.
    public static func plan(
        order: [AssetKey], definitions: WorkspaceDefinitions, outOfDate: Set<AssetKey>, entries: [AssetKey: Entry],
        structures: [AssetKey: String], changes: [Change]?, evaluator: inout StalenessEvaluator
    ) -> StalenessRefresh {
        var plan = StalenessRefresh()
        var reads: [AssetKey: [UpstreamRead]] = [:]
        for asset in order { reads[asset] = evaluator.upstreamReads(of: asset) }
        if let changes {
            var covered = CoveredKeys(definitions: definitions)
            plan.refresh = refreshes(
                order: order, outOfDate: outOfDate, entries: entries, structures: structures, changes: changes,
                reads: reads, covered: &covered, evaluator: &evaluator)
        }
        var readAt: [AssetKey: Set<Int>] = [:]
        for asset in order where outOfDate.contains(asset) {
            for read in reads[asset] ?? [] {
                guard let positions = plan.refresh[asset] else {
                    plan.readInFull.insert(read.upstream)
                    continue
                }
                for position in positions {
                    read.forEachPosition(of: position) { readAt[read.upstream, default: []].insert($0) }
                }
            }
        }
        for (asset, positions) in readAt where !plan.readInFull.contains(asset) {
            plan.readAt[asset] = positions.sorted()
        }
        return plan
    }

    /// The out-of-date assets that can be refreshed, with the positions to evaluate again.
    private static func refreshes(
        order: [AssetKey], outOfDate: Set<AssetKey>, entries: [AssetKey: Entry], structures: [AssetKey: String],
        changes: [Change], reads: [AssetKey: [UpstreamRead]], covered: inout CoveredKeys,
        evaluator: inout StalenessEvaluator
    ) -> [AssetKey: [Int]] {
        var refresh: [AssetKey: [Int]] = [:]
        var own: [AssetKey: [Change]] = [:]
        for change in changes { own[change.asset, default: []].append(change) }
        // The latest change reaching each partition of each asset through same-key reads,
        // and the latest reaching it any other way (which touches every partition).
        var marks: [AssetKey: [Int: Int64]] = [:]
        var everything: [AssetKey: Int64] = [:]
        for asset in order {
            let list = evaluator.keys(of: asset)
            var assetMarks: [Int: Int64] = [:]
            var assetEverything: Int64 = 0
            for change in own[asset] ?? [] {
                guard let position = list.position(of: change.partition) else { continue }
                assetMarks[position] = max(assetMarks[position] ?? 0, change.seq)
            }
            for read in reads[asset] ?? [] {
                let upstreamMarks = marks[read.upstream] ?? [:]
                let upstreamEverything = everything[read.upstream] ?? 0
                if case .same = read.mapping {
                    for (position, seq) in upstreamMarks { assetMarks[position] = max(assetMarks[position] ?? 0, seq) }
                    assetEverything = max(assetEverything, upstreamEverything)
                } else {
                    assetEverything = max(assetEverything, upstreamEverything, upstreamMarks.values.max() ?? 0)
                }
            }
            if !assetMarks.isEmpty { marks[asset] = assetMarks }
            if assetEverything > 0 { everything[asset] = assetEverything }
            guard outOfDate.contains(asset), let entry = entries[asset], !entry.structure.isEmpty,
                entry.structure == structures[asset], assetEverything <= entry.asOf,
                let count = covered.count(asset, entry.keys, list.keys)
            else { continue }
            let positions = Set(assetMarks.filter { $0.value > entry.asOf }.keys).union(count..<list.keys.count)
            guard positions.count < list.keys.count else { continue }
            refresh[asset] = positions.sorted()
        }
        return refresh
    }

    /// How many of the current keys an entry covers: all when the stamps match, the old count
    /// when keys were only appended, nil otherwise. Assets of one definition share their keys,
    /// so a prefix's stamp is computed once per definition.
    private struct CoveredKeys {
        let definitions: WorkspaceDefinitions
        var prefixStamps: [PrefixKey: KeysStamp] = [:]

        mutating func count(_ asset: AssetKey, _ stamp: KeysStamp?, _ keys: [String?]) -> Int? {
            guard let stamp, stamp.count <= keys.count else { return nil }
            guard let name = definitions.asset(asset)?.partitions else { return stamp.isPrefix(of: keys) ? stamp.count : nil }
            let memo = PrefixKey(definition: name, count: stamp.count)
            let prefix = prefixStamps[memo] ?? KeysStamp(keys: keys.prefix(stamp.count))
            prefixStamps[memo] = prefix
            return prefix == stamp ? stamp.count : nil
        }
    }
}
