/// What a staleness walk does with one asset (`StalenessWalkPlan`): where its verdicts come
/// from, and which of its facts it reads.
public struct StalenessAssetStep: Sendable, Hashable {
    /// Where the verdicts come from.
    public enum Verdicts: Sendable, Hashable {
        /// The cached entry's: its fingerprint matches.
        case reuse
        /// The cached entry's, evaluated again at these positions (increasing): only
        /// materializations changed since it was cached, and they reached only these
        /// (`StalenessRefresh`).
        case refresh(positions: [Int])
        /// Evaluated in full.
        case evaluate
    }

    /// Which facts of the asset are read.
    public enum Facts: Sendable, Hashable {
        /// None: the verdicts are reused and nothing evaluated later reads them.
        case none
        /// Every materialized partition's.
        case all
        /// Only those at these positions (increasing): the partitions refreshed, and those that
        /// refreshed assets downstream read.
        case at([Int])
    }

    /// The asset.
    public var asset: AssetKey
    /// Where its verdicts come from.
    public var verdicts: Verdicts
    /// Which of its facts are read.
    public var facts: Facts

    /// Creates a step.
    public init(_ asset: AssetKey, _ verdicts: Verdicts, facts: Facts) {
        self.asset = asset
        self.verdicts = verdicts
        self.facts = facts
    }

    /// Whether every materialized partition's facts are read: the walk reads those ahead, and a
    /// freshness check can use them instead of reading the latest window again.
    public var readsAllFacts: Bool { facts == .all }

    /// Whether the step needs the entry's encoded rows before it runs (to restore or refresh).
    public var needsCachedRows: Bool {
        switch verdicts {
        case .reuse: facts != .none
        case .refresh: true
        case .evaluate: false
        }
    }
}
