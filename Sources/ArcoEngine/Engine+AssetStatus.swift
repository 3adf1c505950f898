import ArcoCore
import ArcoStore

/// What `arco asset show` reports.
public struct AssetStatusReport: Sendable {
    /// The asset.
    public var asset: String
    /// Its partitions definition, if partitioned.
    public var partitionsDefinition: String?
    /// The number of partitions (1 for an unpartitioned asset).
    public var total: Int
    /// States and their ranges.
    public var summary: PartitionStatusSummary
    /// The most recent materialization of any partition.
    public var lastMaterialization: PartitionStatusRow?
}

extension Engine {
    /// Summarises an asset's partitions at `now`: materialized, failed, in progress, missing.
    public func assetStatus(_ name: String, now: Timestamp? = nil) throws -> AssetStatusReport {
        try assetStatus(name, now: now, definitions: try loadDefinitions())
    }

    /// The same over definitions already loaded: `asset graph` asks for every asset and must not
    /// parse `arco.yaml` once per asset.
    func assetStatus(_ name: String, now: Timestamp?, definitions: WorkspaceDefinitions) throws -> AssetStatusReport {
        guard let asset = definitions.asset(AssetKey(name)) else {
            let known = definitions.assets.map(\.key.rawValue)
            let close = known.filter { $0.hasPrefix(String(name.prefix(3))) }.prefix(3)
            throw OperatorError(
                .notFound, "unknown asset '\(name)'" + (close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"),
                hint: known.isEmpty ? "declare assets under `assets:` in arco.yaml" : "known assets: \(known.joined(separator: ", "))")
        }
        let store = try store()
        let (states, last) = try mapStoreErrors {
            try store.read { (try $0.partitionStates(asset: name), try $0.lastMaterialization(asset: name)) }
        }
        let summary: PartitionStatusSummary
        if let partitions = asset.partitions {
            let now = now ?? environment.clock.now()
            let set = try partitionSet(partitions.rawValue, in: definitions, now: now)
            summary = PartitionStatusSummary.summarize(set, now: now, states: states)
        } else {
            summary = PartitionStatusSummary.summarize(
                keys: [""], stateByKey: Dictionary(states.map { ($0.key, $0.state) }, uniquingKeysWith: { $1 }))
        }
        return AssetStatusReport(
            asset: name, partitionsDefinition: asset.partitions?.rawValue, total: summary.total,
            summary: summary, lastMaterialization: last)
    }
}
