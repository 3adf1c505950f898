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

    /// The same without materializations or the asset's own keys: what must not have changed
    /// for cached verdicts to be refreshed at the partitions materialized or added since, rather
    /// than evaluated again in full (`StalenessRefresh`, which checks that keys were only
    /// appended with `keysStamp`). The keys of an upstream asset read through any mapping other
    /// than the same key are part of it: new keys there change what existing partitions read.
    public static func structures(
        order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]],
        evaluator: inout StalenessEvaluator
    ) -> [AssetKey: String] {
        var mapped: [AssetKey: Set<AssetKey>] = [:]
        for asset in order {
            for read in evaluator.upstreamReads(of: asset) {
                if case .mapped = read.mapping { mapped[asset, default: []].insert(read.upstream) }
            }
        }
        return hash(order: order, definitions: definitions, keys: keys, mode: .structure(mappedReads: mapped))
    }

    /// The number and digest of an asset's keys, in order, as `count:digest`.
    public static func keysStamp(_ keys: some Collection<String?>) -> String {
        "\(keys.count):\(SHA256Hex.digest(keys.map { $0 ?? "" }.joined(separator: "\n")))"
    }

    private enum Mode {
        case verdicts(lastMaterialization: [AssetKey: Int64])
        case structure(mappedReads: [AssetKey: Set<AssetKey>])
    }

    private static func hash(
        order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]],
        lastMaterialization: [AssetKey: Int64]
    ) -> [AssetKey: String] {
        hash(order: order, definitions: definitions, keys: keys, mode: .verdicts(lastMaterialization: lastMaterialization))
    }

    private static func hash(
        order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]], mode: Mode
    ) -> [AssetKey: String] {
        var fingerprints: [AssetKey: String] = [:]
        // Descriptions go through reflection, which costs more than the rest together: once
        // per partitions definition and per mapping, not once per asset.
        var partitionDescriptions: [PartitionsDefinitionName: String] = [:]
        var keyDigests: [PartitionsDefinitionName: String] = [:]
        var mappingDescriptions: [PartitionMapping: String] = [:]
        func keysDigest(_ asset: AssetKey) -> String {
            guard let name = definitions.asset(asset)?.partitions else { return "unpartitioned" }
            if let known = keyDigests[name] { return known }
            let digest = SHA256Hex.digest((keys[asset] ?? []).map { $0 ?? "" }.joined(separator: "\n"))
            keyDigests[name] = digest
            return digest
        }
        for asset in order {
            guard let definition = definitions.asset(asset) else { continue }
            var text: String
            switch mode {
            case .verdicts: text = "arco staleness verdicts \(version), fold \(Fold.version)\n"
            case .structure: text = "arco staleness structure \(version), fold \(Fold.version)\n"
            }
            text += "asset \(asset.rawValue)\n"
            text += "code " + (definition.codeVersion.map { "some \($0)" } ?? "none") + "\n"
            if let name = definition.partitions {
                if partitionDescriptions[name] == nil {
                    partitionDescriptions[name] =
                        definitions.partitionsDefinition(name).map { String(reflecting: $0) } ?? "undefined"
                }
                text += "partitions \(partitionDescriptions[name] ?? "")\n"
                if case .verdicts = mode { text += "keys \(keysDigest(asset))\n" }
            } else {
                text += "unpartitioned\n"
            }
            if case .verdicts(let lastMaterialization) = mode {
                text += "materialized \(lastMaterialization[asset] ?? 0)\n"
            }
            for dependency in definition.dependencies where dependency.asset != asset {
                var mapping = "none"
                if let effective = definitions.effectiveMapping(of: dependency, downstream: asset) {
                    if mappingDescriptions[effective] == nil { mappingDescriptions[effective] = String(reflecting: effective) }
                    mapping = mappingDescriptions[effective] ?? ""
                }
                text += "reads \(dependency.asset.rawValue) \(mapping) \(fingerprints[dependency.asset] ?? "undefined")\n"
                if case .structure(let mapped) = mode, mapped[asset]?.contains(dependency.asset) == true {
                    text += "through keys \(keysDigest(dependency.asset))\n"
                }
            }
            fingerprints[asset] = SHA256Hex.digest(text)
        }
        return fingerprints
    }
}
