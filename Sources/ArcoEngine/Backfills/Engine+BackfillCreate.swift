import ArcoCore
import ArcoStore

extension Engine {
    /// Resolves a backfill request without writing anything: what `--dry-run` prints.
    public func previewBackfill(_ options: BackfillRequestOptions) throws -> BackfillPreview {
        let definitions = try loadDefinitions()
        let assets = try backfillAssets(options.selection, definitions)
        let resolver = try backfillResolver(assets, definitions, now: environment.clock.now())
        var selector = options.selector
        if let only = options.only { selector = try frozen(only, selector, assets: assets, resolver: resolver) }
        var leftOut = [BackfillTarget]()
        if !options.allowPartial { (selector, leftOut) = try withoutPartial(selector, assets: assets, resolver: resolver) }
        let targets = try Self.resolving { () throws(BackfillError) in try resolver.resolve(assets, selector) }
        let flattened = targets.flattened
        return BackfillPreview(
            selection: options.selection, selector: selector,
            assets: targets.assets.map { asset in
                let keys = targets.keys[asset] ?? []
                return (asset.rawValue, max(1, keys.count), keys.first, keys.last)
            },
            total: flattened.count,
            runs: Self.unitCount(flattened, chunkSize: options.chunkSize, definitions: definitions),
            chunks: flattened.count / options.chunkSize + (flattened.count % options.chunkSize == 0 ? 0 : 1),
            leftOut: leftOut)
    }

    /// Validates a backfill request and records `BackfillCreated` with its compact selector and
    /// total, unless the idempotency key already names it.
    ///
    /// Everything is checked before the write, so a request that fails validation records
    /// nothing; the key lookup and the append share one transaction.
    /// - Throws: exit 65 for an unknown asset, an unresolvable selector, no targets, or a key
    ///   already used by a different request.
    public func createBackfill(_ options: BackfillRequestOptions) throws -> BackfillCreation {
        try Self.checkTypedPartitionKeys(options.selector.typedKeys, option: "partition")
        let definitions = try loadDefinitions()
        let now = environment.clock.now()
        var request: [String: JSONValue] = [
            "selection": .string(options.selection), "selector": options.selector.json(),
            "only": .optional(options.only?.rawValue), "chunk_size": .int(Int64(options.chunkSize)),
            "max_concurrent_runs": .int(Int64(options.maxConcurrentRuns)),
        ]
        // Only when given, so requests made before the flag existed keep their fingerprints.
        if options.allowPartial { request["allow_partial"] = .bool(true) }
        let fingerprint = SHA256Hex.digest(CanonicalJSON.encode(.object(request)))
        // A repeated key answers before anything is resolved: `--only missing` finds nothing
        // missing the second time, yet the same request must still name the same backfill.
        if let key = options.idempotencyKey,
            let found = try mapStoreErrors({ try self.store().read { try $0.backfill(requestKey: key) } })
        {
            return try Self.repeated(found, key: key, fingerprint: fingerprint)
        }
        let assets = try backfillAssets(options.selection, definitions)
        let resolver = try backfillResolver(assets, definitions, now: now)
        var selector = options.selector
        if let only = options.only {
            selector = try frozen(only, selector, assets: assets, resolver: resolver)
        } else if assets.contains(where: { hasDynamicPartitions($0, definitions) }) {
            // Dynamic keys change after creation; the backfill covers those that existed then.
            selector = try frozen(nil, selector, assets: assets, resolver: resolver)
        }
        var leftOut = [BackfillTarget]()
        if !options.allowPartial { (selector, leftOut) = try withoutPartial(selector, assets: assets, resolver: resolver) }
        let total = try Self.resolving { () throws(BackfillError) in try resolver.count(assets, selector) }
        let backfillID = BackfillID(environment.ids.makeID(prefix: "bf", at: now))
        let requestKey = options.idempotencyKey ?? "auto:\(backfillID.rawValue)"
        let created = BackfillCreated(
            backfillID: backfillID, requestKey: requestKey, fingerprint: fingerprint, selection: options.selection,
            selector: selector.json(), only: options.only?.rawValue, totalPartitions: Int64(total),
            chunkSize: Int64(options.chunkSize), maxConcurrentRuns: Int64(options.maxConcurrentRuns))
        var creation = try recordBackfill(created)
        if creation.existing { return try Self.repeated(creation.backfill, key: requestKey, fingerprint: fingerprint) }
        creation.leftOut = leftOut
        return creation
    }

    /// Appends `created` unless its request key already names a backfill; the lookup and the
    /// append share one transaction, so racing requests under one key create one backfill.
    func recordBackfill(_ created: BackfillCreated) throws -> BackfillCreation {
        let store = try store()
        let now = environment.clock.now()
        let (row, existing): (BackfillRow?, Bool) = try mapStoreErrors {
            try store.write { transaction in
                if let found = try transaction.reader.backfill(requestKey: created.requestKey) { return (found, true) }
                _ = try transaction.append([(EventDraft(created), environment.ids.makeEventID(at: now))], recordedAt: now)
                return (try transaction.reader.backfill(created.backfillID), false)
            }
        }
        guard let row else {
            throw OperatorError(.software, "backfill '\(created.backfillID)' vanished after it was recorded")
        }
        return BackfillCreation(backfill: row, existing: existing)
    }

    /// The existing backfill for a repeated key, or exit 65 when the request differs.
    static func repeated(_ row: BackfillRow, key: String, fingerprint: String) throws -> BackfillCreation {
        guard row.fingerprint == fingerprint else {
            throw OperatorError(
                .dataError,
                "idempotency key '\(key)' already names backfill '\(row.backfillID)' with a different request",
                hint: "repeat the first request, or pass a new key: `--idempotency-key \(key)-2`",
                data: ["existing_backfill_id": .string(row.backfillID.rawValue)])
        }
        return BackfillCreation(backfill: row, existing: true)
    }

    /// Whether an asset's partitions (or one of their dimensions) are dynamic.
    func hasDynamicPartitions(_ asset: AssetKey, _ definitions: WorkspaceDefinitions) -> Bool {
        guard let name = definitions.asset(asset)?.partitions,
            let definition = definitions.partitionsDefinition(name)
        else { return false }
        switch definition.kind {
        case .dynamic: return true
        case .multi(let multi):
            return multi.dimensions.contains {
                if case .dynamic? = definitions.partitionsDefinition($0.partitions)?.kind { return true }
                return false
            }
        default: return false
        }
    }

    /// The selected assets in dependency order.
    func backfillAssets(_ selection: String, _ definitions: WorkspaceDefinitions) throws -> [AssetKey] {
        do {
            let selected = Set(try AssetSelection.parse(selection).resolve(in: definitions))
            return definitions.assetOrder.filter(selected.contains)
        } catch {
            throw Self.selectionError(error)
        }
    }

    /// A resolver over the partition sets of `assets` as they are at `now`.
    func backfillResolver(_ assets: [AssetKey], _ definitions: WorkspaceDefinitions, now: Timestamp) throws -> BackfillResolver {
        var sets = [AssetKey: PartitionSet]()
        for asset in assets {
            if let name = definitions.asset(asset)?.partitions { sets[asset] = try partitionSet(name.rawValue, in: definitions, now: now) }
        }
        return BackfillResolver(definitions: definitions, partitionSets: sets, now: now)
    }

    /// The selector's targets now, as a subset selector (ADR 0010): narrowed by `--only` when
    /// given, else all of them (for dynamic partitions).
    private func frozen(_ only: BackfillOnly?, _ selector: PartitionSelector, assets: [AssetKey], resolver: BackfillResolver)
        throws -> PartitionSelector
    {
        let targets = try Self.resolving { () throws(BackfillError) in try resolver.resolve(assets, selector) }
        guard let only else {
            return BackfillOnly.subset(targets, where: { _, _ in true }, order: { resolver.partitionSets[$0]?.keys(now: resolver.now) ?? [] })
        }
        let store = try store()
        var states = [AssetKey: [String: PartitionState]]()
        for asset in targets.assets {
            let stored = try mapStoreErrors { try store.read { try $0.partitionStates(asset: asset.rawValue) } }
            var byDisplay = [String: PartitionState]()
            for row in stored { byDisplay[row.display ?? row.key] = row.state }
            states[asset] = byDisplay
        }
        let subset = only.freeze(
            targets, state: { asset, key in states[asset]?[key ?? ""] ?? .missing },
            order: { resolver.partitionSets[$0]?.keys(now: resolver.now) ?? [] })
        guard case .subset(let chosen) = subset, !chosen.isEmpty else {
            throw OperatorError(
                .dataError, "no selected partition is \(only.rawValue.replacingOccurrences(of: "-or-", with: " or "))",
                hint: "see the partitions' states: `arco asset show \(targets.assets.first?.rawValue ?? "ASSET")`")
        }
        return subset
    }

    /// The selector without its partial targets, frozen as a subset, and those targets; the
    /// selector unchanged when none is partial. What is materialized is read only for the
    /// upstream partitions the backfill itself does not cover.
    private func withoutPartial(_ selector: PartitionSelector, assets: [AssetKey], resolver: BackfillResolver)
        throws -> (PartitionSelector, [BackfillTarget])
    {
        let targets = try Self.resolving { () throws(BackfillError) in try resolver.resolve(assets, selector) }
        let store = try store()
        var states = [AssetKey: Set<String>]()
        var failure: (any Error)?
        let partial = try Self.resolving { () throws(BackfillError) in
            try resolver.partialTargets(targets) { asset, key in
                if states[asset] == nil {
                    do {
                        let rows = try mapStoreErrors { try store.read { try $0.partitionStates(asset: asset.rawValue) } }
                        states[asset] = Set(rows.filter { $0.state == .materialized }.map { $0.display ?? $0.key })
                    } catch {
                        failure = failure ?? error
                        states[asset] = []
                    }
                }
                return states[asset]?.contains(key) ?? false
            }
        }
        if let failure { throw failure }
        guard !partial.isEmpty else { return (selector, []) }
        let left = Set(partial)
        guard left.count < targets.total else {
            throw OperatorError(
                .dataError, "every target reads partitions neither in this backfill nor materialized",
                hint: "widen the range to whole periods, or include them anyway with `--allow-partial`")
        }
        let subset = BackfillOnly.subset(
            targets, where: { !left.contains(BackfillTarget(asset: $0.rawValue, partition: $1)) },
            order: { resolver.partitionSets[$0]?.keys(now: resolver.now) ?? [] })
        return (subset, partial)
    }

    /// Runs a backfill would request: one per target, or per group of a `single_run` or
    /// `multi_run(n)` asset's consecutive targets within a chunk.
    static func unitCount(_ targets: [BackfillTarget], chunkSize: Int, definitions: WorkspaceDefinitions) -> Int {
        var units = 0
        var index = 0
        while index < targets.count {
            let chunk = index / chunkSize
            let asset = targets[index].asset
            var end = index
            while end < targets.count, end / chunkSize == chunk, targets[end].asset == asset { end += 1 }
            switch definitions.asset(AssetKey(asset))?.backfillPolicy ?? .default {
            case .singleRun: units += 1
            case .multiRun(let size): units += (end - index + max(1, size) - 1) / max(1, size)
            }
            index = end
        }
        return units
    }

    /// Turns a resolution error into exit 65 with a hint.
    static func resolving<T>(_ body: () throws(BackfillError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw backfillError(error)
        }
    }

    public static func backfillError(_ error: BackfillError) -> OperatorError {
        let hint: String
        switch error {
        case .invalidFilter, .unknownDimension:
            hint = "filter on the partition dimensions, e.g. `--filter 'region=us,eu date>=2024-01-01'`; see them with `arco partitions list`"
        case .notAKey(_, let asset, _), .reversedRange(_, _, let asset):
            hint = "see the asset's partitions with `arco asset show \(asset)`"
        case .rangeOnMultiDimensions:
            hint = "select by dimension instead: `--filter 'date>=2024-01-01 date<=2024-01-31'`"
        case .notApplicable(let asset, _, _):
            hint = "backfill it separately, or select assets whose partitions map to each other: `arco asset show \(asset)`"
        case .mapping:
            hint = "check the dependency's mapping with `arco validate`"
        case .nothingPartitioned:
            hint = "materialize unpartitioned assets with `arco run`; list the assets with `arco asset list`"
        case .empty:
            hint = "widen the selection, and preview it by adding `--dry-run` to the command"
        }
        return OperatorError(.dataError, error.description, hint: hint)
    }
}
