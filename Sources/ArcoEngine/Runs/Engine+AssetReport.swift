import ArcoCore
import ArcoStore

extension Engine {
    /// Records a runless materialization (`arco asset report`): work done outside arco.
    ///
    /// - Parameters:
    ///   - dataVersion: the version produced; when nil, Dagster's logical version of the
    ///     asset's code version (or the report key) and the current upstream versions.
    ///   - reportKey: the reporter's idempotency key; a repeat with the same key records nothing.
    /// - Returns: the recorded event, and whether the key was new.
    public func reportMaterialization(
        _ name: String, partition: String?, dataVersion: String?, reportKey: String?
    ) throws -> (AssetMaterialized, recorded: Bool) {
        try Self.checkTypedPartitionKeys(partition.map { [$0] } ?? [], option: "--partition")
        let definitions = try loadDefinitions()
        guard let asset = definitions.asset(AssetKey(name)) else {
            throw Self.selectionError(
                .unknownAsset(name, nearest: SelectionResolver.nearest(to: name, in: definitions.assets.map(\.key.rawValue))))
        }
        var canonical: String?
        switch (asset.partitions, partition) {
        case (let definition?, let key?):
            let set = try partitionSet(definition.rawValue, in: definitions)
            guard set.hasKey(key, now: environment.clock.now()), let identity = set.canonicalKey(for: key) else {
                throw Self.planningError(
                    .notAPartition(key: key, asset: name, nearest: NearestKeys.around(key, in: set.keys(now: environment.clock.now()))),
                    definitions)
            }
            canonical = identity.description
        case (let definition?, nil):
            throw OperatorError(
                .dataError, "asset '\(name)' is partitioned; name the partition reported",
                hint: "add --partition, e.g. `arco asset report \(name) --partition KEY`; list keys with `arco partitions list \(definition)`")
        case (nil, let key?):
            throw OperatorError(
                .dataError, "asset '\(name)' is not partitioned, but --partition '\(key)' was given",
                hint: "drop --partition: `arco asset report \(name)`")
        case (nil, nil):
            break
        }
        let key = reportKey ?? environment.ids.makeID(prefix: "report", at: environment.clock.now())
        let materializer = StepMaterializer(engine: self, definitions: definitions)
        let consumed = try materializer.consumedVersions(asset, key: partition)
        let event = AssetMaterialized(
            asset: name, partition: partition, runID: nil, stepKey: nil, attempt: nil, reportKey: key,
            codeVersion: asset.codeVersion,
            dataVersion: dataVersion ?? DataVersion.logical(codeVersion: asset.codeVersion ?? key, consumed: consumed),
            consumed: consumed, canonicalPartition: canonical)
        let result = try record([EventDraft(event)])
        return (event, !result.appended.isEmpty)
    }
}
