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
    /// Raised whenever what a verdict is changes (the evaluator's rules or the row coding) or
    /// what a fingerprint hashes, so that verdicts cached by an older build are never reused.
    /// Version 2 hashes `CanonicalJSON` of the inputs instead of text built with
    /// `String(reflecting:)` (issue 16).
    public static let version = 2

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
    /// appended with `KeysStamp`). The keys of an upstream asset read through any mapping other
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

    /// The stamp of an asset's keys, in order: what a refresh compares to see that keys were
    /// only appended to.
    public static func keysStamp(_ keys: some Collection<String?>) -> KeysStamp {
        KeysStamp(keys: keys)
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

    /// Each asset's fingerprint: SHA-256 hex of `CanonicalJSON` of its inputs (`input`), in
    /// `order`, so that upstream fingerprints are known when a downstream asset is hashed.
    private static func hash(
        order: [AssetKey], definitions: WorkspaceDefinitions, keys: [AssetKey: [String?]], mode: Mode
    ) -> [AssetKey: String] {
        var memo = Memo(definitions: definitions, keys: keys)
        var fingerprints: [AssetKey: String] = [:]
        for asset in order {
            guard let definition = definitions.asset(asset) else { continue }
            let value = input(asset, definition, mode: mode, fingerprints: fingerprints, memo: &memo)
            fingerprints[asset] = SHA256Hex.digest(CanonicalJSON.encode(value))
        }
        return fingerprints
    }

    /// What one asset's fingerprint hashes. `code_version` is null without one ("no code
    /// version" is a value, ADR 0011); `partitions` is null for an unpartitioned asset.
    private static func input(
        _ asset: AssetKey, _ definition: AssetDefinition, mode: Mode, fingerprints: [AssetKey: String], memo: inout Memo
    ) -> JSONValue {
        var value: [String: JSONValue] = [
            "version": .int(Int64(version)), "fold": .int(Fold.version), "asset": .string(asset.rawValue),
            "code_version": .optional(definition.codeVersion),
            "partitions": definition.partitions.map { memo.partitions($0) } ?? .null,
        ]
        switch mode {
        case .verdicts(let lastMaterialization):
            value["kind"] = "verdicts"
            value["materialized"] = .int(lastMaterialization[asset] ?? 0)
            if definition.partitions != nil { value["keys"] = .string(memo.keysDigest(asset)) }
        case .structure:
            value["kind"] = "structure"
        }
        var reads: [JSONValue] = []
        for dependency in definition.dependencies where dependency.asset != asset {
            var read: [String: JSONValue] = [
                "asset": .string(dependency.asset.rawValue),
                "mapping": memo.definitions.effectiveMapping(of: dependency, downstream: asset).map { json($0) } ?? .null,
                "fingerprint": .optional(fingerprints[dependency.asset]),
            ]
            if case .structure(let mapped) = mode, mapped[asset]?.contains(dependency.asset) == true {
                read["through_keys"] = .string(memo.keysDigest(dependency.asset))
            }
            reads.append(.object(read))
        }
        value["reads"] = .array(reads)
        return .object(value)
    }

    /// What assets of one partitions definition share, computed once per definition.
    private struct Memo {
        let definitions: WorkspaceDefinitions
        let keys: [AssetKey: [String?]]
        var partitionValues: [PartitionsDefinitionName: JSONValue] = [:]
        var keyDigests: [PartitionsDefinitionName: String] = [:]

        mutating func partitions(_ name: PartitionsDefinitionName) -> JSONValue {
            if let known = partitionValues[name] { return known }
            let value = definitions.partitionsDefinition(name).map { json($0, in: definitions) } ?? .null
            partitionValues[name] = value
            return value
        }

        /// The digest of an asset's keys (`unpartitioned` for an unpartitioned asset).
        mutating func keysDigest(_ asset: AssetKey) -> String {
            guard let name = definitions.asset(asset)?.partitions else { return "unpartitioned" }
            if let known = keyDigests[name] { return known }
            let digest = KeysStamp(keys: keys[asset] ?? []).digest
            keyDigests[name] = digest
            return digest
        }
    }
}
