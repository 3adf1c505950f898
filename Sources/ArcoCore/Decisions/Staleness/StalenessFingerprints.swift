/// Names everything an asset's cached verdicts depend on (ADR 0012), so a report can reuse the
/// verdicts of an asset whose fingerprint has not changed instead of evaluating it again.
///
/// An asset's verdicts (freshness aside, which is applied at read time) follow from its code
/// version, its partitions definition and keys, its materializations, and, through each
/// dependency and its mapping, the same of every asset upstream. The fingerprint hashes the
/// asset's own inputs with its upstream assets' fingerprints, so a change anywhere upstream
/// changes it. Materializations are named by the ledger position of the asset's last one: a
/// partition's facts change only when it is materialized, and positions never repeat.
public enum StalenessFingerprints {
    /// Raised whenever what a verdict is changes (the evaluator's rules or the row coding), so
    /// that verdicts cached by an older build are never reused.
    public static let version = 1

    /// The fingerprint of every asset of `order` (which lists each asset after those it reads).
    ///
    /// - Parameters:
    ///   - keys: each asset's display keys at the evaluation time (`[nil]` unpartitioned).
    ///   - lastMaterialization: the ledger position of each asset's last materialization.
    public static func compute(
        order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]],
        lastMaterialization: [AssetKey: Int64]
    ) -> [AssetKey: String] {
        hash(order: order, definitions: definitions, keys: keys, lastMaterialization: lastMaterialization)
    }

    /// The same without materializations: what must not have changed for cached verdicts to be
    /// refreshed at the partitions materialized since, rather than evaluated again in full.
    public static func structures(order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]])
        -> [AssetKey: String]
    {
        hash(order: order, definitions: definitions, keys: keys, lastMaterialization: nil)
    }

    private static func hash(
        order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]],
        lastMaterialization: [AssetKey: Int64]?
    ) -> [AssetKey: String] {
        var fingerprints: [AssetKey: String] = [:]
        // Descriptions go through reflection, which costs more than the rest together: once
        // per partitions definition and per mapping, not once per asset.
        var partitionDescriptions: [PartitionsDefinitionName: String] = [:]
        var mappingDescriptions: [PartitionMapping: String] = [:]
        for asset in order {
            guard let definition = definitions.asset(asset) else { continue }
            var text = "arco staleness \(lastMaterialization == nil ? "structure" : "verdicts") \(version), fold \(Fold.version)\n"
            text += "asset \(asset.rawValue)\n"
            text += "code " + (definition.codeVersion.map { "some \($0)" } ?? "none") + "\n"
            if let name = definition.partitions {
                if partitionDescriptions[name] == nil {
                    let list = (keys[asset] ?? []).map { $0 ?? "" }.joined(separator: "\n")
                    let described = definitions.partitionsDefinition(name).map { String(reflecting: $0) } ?? "undefined"
                    partitionDescriptions[name] = "\(described) keys \(SHA256Hex.digest(list))"
                }
                text += "partitions \(partitionDescriptions[name] ?? "")\n"
            } else {
                text += "unpartitioned\n"
            }
            if let lastMaterialization { text += "materialized \(lastMaterialization[asset] ?? 0)\n" }
            for dependency in definition.dependencies where dependency.asset != asset {
                var mapping = "none"
                if let effective = definitions.effectiveMapping(of: dependency, downstream: asset) {
                    if mappingDescriptions[effective] == nil { mappingDescriptions[effective] = String(reflecting: effective) }
                    mapping = mappingDescriptions[effective] ?? ""
                }
                text += "reads \(dependency.asset.rawValue) \(mapping) \(fingerprints[dependency.asset] ?? "undefined")\n"
            }
            fingerprints[asset] = SHA256Hex.digest(text)
        }
        return fingerprints
    }
}
