import ArcoCore
import ArcoStore

/// One partition's staleness and, for `UPSTREAM_STALE`, the upstream partitions it comes from.
public struct StalenessExplanation: Sendable {
    /// The partition's row, with every upstream cause of its reason.
    public var row: StalenessRow
    /// The explanations of the stale upstream partitions, when the reason is `UPSTREAM_STALE`;
    /// empty for a root cause or a partition already explained higher in the tree.
    public var upstream: [StalenessExplanation]
    /// Upstream causes left out beyond `StalenessExplanation.childLimit`.
    public var omitted: Int
    /// Whether this partition was explained earlier in the tree (its causes are not repeated).
    public var repeated: Bool

    /// The most upstream partitions explained under one partition; a rollup reading a year of
    /// daily partitions would otherwise print hundreds of branches.
    public static let childLimit = 20

    /// The JSON of `explain --json`: the row's fields plus `upstream`, `omitted` and `repeated`.
    public func json() -> JSONValue {
        guard case .object(var fields) = row.json() else { return row.json() }
        fields["upstream"] = .array(upstream.map { $0.json() })
        fields["omitted"] = .int(Int64(omitted))
        fields["repeated"] = .bool(repeated)
        return .object(fields)
    }
}

extension Engine {
    /// Walks a partition's staleness back to its root causes.
    ///
    /// - Throws: exit 65 for an unknown asset or partition, or a partitioned asset without one.
    public func explainStaleness(_ name: String, partition: String?, now: Timestamp? = nil) throws
        -> StalenessExplanation
    {
        try Self.checkTypedPartitionKeys(partition.map { [$0] } ?? [], option: "--partition")
        let definitions = try loadDefinitions()
        let asset = AssetKey(name)
        guard let definition = definitions.asset(asset) else {
            throw Self.selectionError(.unknownAsset(name, nearest: SelectionResolver.nearest(
                to: name, in: definitions.assetOrder.map(\.rawValue))))
        }
        let now = now ?? environment.clock.now()
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: [asset], sets: try stalenessSets(definitions, [asset], now: now), now: now,
            collectWaits: true)
        let keys = evaluator.keys(of: asset).keys
        if definition.partitions == nil, let partition {
            throw OperatorError(
                .usage, "asset '\(name)' is not partitioned, so --partition '\(partition)' names nothing",
                hint: "drop it: `arco staleness explain \(name)`")
        }
        if definition.partitions != nil {
            guard let partition else {
                throw OperatorError(
                    .usage, "asset '\(name)' is partitioned: name the partition to explain",
                    hint: "find its stale partitions: `arco staleness report --select '\(name)'`")
            }
            guard keys.contains(partition) else {
                throw OperatorError(
                    .dataError, "asset '\(name)' has no partition '\(partition)'",
                    hint: "list its partitions: `arco asset show \(name)`")
            }
        }
        // Every evaluated partition that is not fresh, by asset and key, to walk from.
        var rows: [AssetKey: [String: StalenessRow]] = [:]
        let store = try store()
        try mapStoreErrors {
            try store.read { reader in
                for key in evaluator.order {
                    let facts = try reader.stalenessFacts(key)
                    evaluator.evaluate(key, facts: facts) { row in
                        if row.status != .fresh || (row.asset == asset && row.partition == partition) {
                            rows[row.asset, default: [:]][row.partition ?? ""] = row
                        }
                    }
                }
            }
        }
        guard let root = rows[asset]?[partition ?? ""] else { return StalenessExplanation(
            row: .fresh(asset, partition), upstream: [], omitted: 0, repeated: false) }
        var explained = Set<String>()
        return Self.explain(root, rows: rows, explained: &explained)
    }

    private static func explain(
        _ row: StalenessRow, rows: [AssetKey: [String: StalenessRow]], explained: inout Set<String>
    ) -> StalenessExplanation {
        let id = row.asset.rawValue + "\u{0}" + (row.partition ?? "")
        guard explained.insert(id).inserted else {
            return StalenessExplanation(row: row, upstream: [], omitted: 0, repeated: true)
        }
        guard row.reason == .upstreamStale else {
            return StalenessExplanation(row: row, upstream: [], omitted: 0, repeated: false)
        }
        var children: [StalenessExplanation] = []
        let causes = row.upstreamCauses.filter { if case .upstreamStale = $0 { true } else { false } }
        for cause in causes.prefix(StalenessExplanation.childLimit) {
            guard let upstream = cause.upstream, let upstreamRow = rows[upstream.asset]?[upstream.partition ?? ""]
            else { continue }
            children.append(explain(upstreamRow, rows: rows, explained: &explained))
        }
        return StalenessExplanation(
            row: row, upstream: children, omitted: max(0, causes.count - StalenessExplanation.childLimit),
            repeated: false)
    }
}
