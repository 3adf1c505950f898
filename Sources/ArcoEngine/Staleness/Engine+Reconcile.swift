import ArcoCore
import ArcoStore

extension Engine {
    /// The runs that clear the selection's staleness at `now`, in dependency order
    /// (`ReconcilePlanner`); deterministic for a given ledger and definitions.
    ///
    /// - Throws: exit 65 for a bad selection.
    public func reconcilePlan(selection: String?, now: Timestamp? = nil) throws -> [ReconcileRun] {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let selected = try stalenessSelection(selection, definitions)
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: selected, sets: try stalenessSets(definitions, selected), now: now,
            collectAllCauses: true)
        var rows: [StalenessRow] = []
        var attempts: [AssetKey: [String: PartitionAttempt]] = [:]
        var positions: [AssetKey: [String: Int]] = [:]
        let store = try store()
        try mapStoreErrors {
            try store.read { reader in
                for asset in evaluator.order {
                    let before = rows.count
                    try evaluator.evaluate(asset, facts: try reader.stalenessFacts(asset)) { row in
                        if row.status != .fresh { rows.append(row) }
                    }
                    guard rows.count > before else { continue }
                    attempts[asset] = try reader.partitionAttempts(asset)
                    var byKey: [String: Int] = [:]
                    for (index, key) in evaluator.keys(of: asset).keys.enumerated() { byKey[key ?? ""] = index }
                    positions[asset] = byKey
                }
            }
        }
        return ReconcilePlanner(definitions: definitions).plan(
            rows: rows, selected: Set(selected), attempts: attempts, positions: positions)
    }

    /// The request of one planned run: its assets at its partition, under its run key.
    public func reconcileRequest(_ run: ReconcileRun, detached: Bool) -> RunRequestOptions {
        RunRequestOptions(
            selection: run.assets.map(\.rawValue), partitions: run.partition.map(PartitionRequest.key) ?? .none,
            runKey: run.runKey, trigger: RunTrigger(kind: .reconcile, reference: run.runKey), detached: detached)
    }
}
