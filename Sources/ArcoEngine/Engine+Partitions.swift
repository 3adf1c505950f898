import ArcoCore
import ArcoStore

/// What `arco partitions add|remove` did.
public struct DynamicPartitionsReport: Sendable {
    /// The definition.
    public var partitionsDef: String
    /// Keys added.
    public var added: [String]
    /// Keys removed.
    public var removed: [String]
    /// Requested keys that needed no change.
    public var unchanged: [String]
}

extension Engine {
    /// Adds and removes keys of a dynamic partitions definition, idempotently.
    ///
    /// Every key is checked before anything is recorded; the change is decided and recorded in one
    /// transaction, so concurrent requests cannot lose each other's keys.
    public func changeDynamicPartitions(_ name: String, add: [String], remove: [String]) throws
        -> DynamicPartitionsReport
    {
        let definitions = try loadDefinitions()
        let insideMulti = try dynamicDefinition(name, in: definitions)
        let problems = (add + remove).compactMap { key in
            PartitionKeyRules.problem(with: key, insideMulti: insideMulti).map {
                "'\(PartitionKeyRules.printable(key))': \($0)"
            }
        }
        guard problems.isEmpty else {
            throw OperatorError(
                .dataError, "invalid partition key\(problems.count == 1 ? "" : "s") for '\(name)'",
                hint: "pass keys without '...' or control characters\(insideMulti ? " (and without | , [ ] in a multi dimension)" : "")",
                details: problems)
        }
        let store = try store()
        let now = environment.clock.now()
        let eventID = environment.ids.makeEventID(at: now)
        let outcome = try mapStoreErrors {
            try store.write { transaction -> DynamicPartitionsDecision.Outcome in
                let projections = transaction.projections
                let outcome = try DynamicPartitionsDecision.decide(
                    partitionsDef: name, add: add, remove: remove,
                    currentVersion: try projections.dynamicPartitionsVersion(name),
                    isPresent: { try projections.hasDynamicPartition(name, $0) })
                if !outcome.added.isEmpty {
                    // Counted in the transaction, so racing adds cannot pass the limit together.
                    let count = try transaction.reader.dynamicPartitionCount(name) + outcome.added.count - outcome.removed.count
                    try Self.checkDynamicCount(count, of: name)
                }
                if let event = outcome.event {
                    _ = try transaction.append([(EventDraft(event), eventID)], recordedAt: now)
                }
                return outcome
            }
        }
        return DynamicPartitionsReport(
            partitionsDef: name, added: outcome.added, removed: outcome.removed, unchanged: outcome.unchanged)
    }

    /// Refuses a dynamic definition that would pass `Limits.partitionsPerDefinitionMax` keys.
    static func checkDynamicCount(_ count: Int, of name: String) throws {
        let limit = Limits.partitionsPerDefinitionMax
        guard count > limit else { return }
        throw OperatorError(
            .dataError, "partitions definition '\(name)' would have \(count) keys, more than the limit of \(limit)",
            hint: "remove keys first with `arco partitions remove \(name) KEY...`, or split the definition")
    }

    /// The keys of a partitions definition in order, for `arco partitions list`.
    /// - Parameter now: decides which time windows have ended; the clock when `nil`.
    public func partitionKeys(_ name: String, now: Timestamp? = nil) throws -> [String] {
        let now = now ?? environment.clock.now()
        return try partitionSet(name, in: loadDefinitions(), now: now).keys(now: now)
    }

    /// The partitions of a definition: time windows computed, dynamic keys read from the store.
    /// - Throws: exit 65 when the set has more than `Limits.partitionsPerDefinitionMax`
    ///   partitions now: time-window sets grow, so one that passed `arco validate` can pass the
    ///   limit later, and a command would then spend minutes and gigabytes on it.
    /// - Parameter now: the instant the caller lists the set at; the clock when nil.
    func partitionSet(_ name: String, in definitions: WorkspaceDefinitions, now: Timestamp? = nil) throws -> PartitionSet {
        let now = now ?? environment.clock.now()
        let set = try unboundedPartitionSet(name, in: definitions, now: now)
        let limit = Limits.partitionsPerDefinitionMax
        guard !set.hasMore(than: limit, now: now) else {
            throw OperatorError(
                .dataError, "partitions definition '\(name)' has more than \(limit) partitions at \(now)",
                hint: "start it later, give it an 'end' or a coarser cadence in arco.yaml, then check with `arco validate`")
        }
        return set
    }

    private func unboundedPartitionSet(_ name: String, in definitions: WorkspaceDefinitions, now: Timestamp) throws
        -> PartitionSet
    {
        guard let definition = definitions.partitionsDefinition(PartitionsDefinitionName(name)) else {
            throw Self.unknownDefinition(name, definitions)
        }
        switch definition.kind {
        case .static(let keys):
            return .keys(keys.keys)
        case .dynamic:
            let store = try store()
            return .keys(try mapStoreErrors { try store.read { try $0.dynamicPartitionKeys(name) } })
        case .timeWindow(let timeWindow):
            return .timeWindow(try timeWindowSet(name, timeWindow))
        case .multi(let multi):
            let dimensions = try multi.dimensions.map { dimension in
                PartitionDimension(name: dimension.name, set: try partitionSet(dimension.partitions.rawValue, in: definitions, now: now))
            }
            do {
                return try PartitionSet.multi(dimensions: dimensions)
            } catch {
                throw OperatorError(
                    .dataError, "multi definition '\(name)': \(error)",
                    hint: "remove the separator from the key, e.g. `arco partitions remove DEF KEY`")
            }
        }
    }

    /// The keys from `from` to `to` (inclusive, in partition order), at most `limit` of them.
    ///
    /// With only `--limit` (or a time-window `--from`), only the keys printed are computed.
    /// - Throws: exit 65 naming the nearest keys when `from` or `to` is not a key, or when `from`
    ///   comes after `to`.
    public func partitionKeys(_ name: String, now: Timestamp?, from: String?, to: String?, limit: Int?) throws
        -> [String]
    {
        let now = now ?? environment.clock.now()
        let set = try partitionSet(name, in: loadDefinitions(), now: now)
        if let limit, to == nil {
            if from == nil { return set.keys(now: now, limit: limit) }
            if case .timeWindow(let windows) = set, let from, windows.hasKey(from, now: now) {
                return (try? windows.keys(now: now, from: from, limit: limit)) ?? []
            }
        }
        let keys = set.keys(now: now)
        func position(_ key: String) throws -> Int {
            guard let index = keys.firstIndex(of: key) else {
                throw OperatorError(
                    .dataError, "'\(key)' is not a partition of '\(name)'" + Self.nearest(key, in: keys),
                    hint: "list the keys with `arco partitions list \(name)`")
            }
            return index
        }
        let lower = try from.map(position) ?? 0
        let upper = try to.map(position) ?? keys.count - 1
        guard !keys.isEmpty else { return [] }
        guard lower <= upper else {
            throw OperatorError(
                .dataError, "--from '\(from ?? "")' comes after --to '\(to ?? "")' in '\(name)'",
                hint: "swap them: `arco partitions list \(name) --from \(to ?? "") --to \(from ?? "")`")
        }
        let slice = keys[lower...upper]
        return Array(limit.map { slice.prefix($0) } ?? slice)
    }

    static func nearest(_ key: String, in keys: [String]) -> String {
        let nearest = NearestKeys.around(key, in: keys)
        return nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))"
    }

    /// Checks `name` is a dynamic definition; returns whether a multi definition uses it.
    private func dynamicDefinition(_ name: String, in definitions: WorkspaceDefinitions) throws -> Bool {
        guard let definition = definitions.partitionsDefinition(PartitionsDefinitionName(name)) else {
            throw Self.unknownDefinition(name, definitions)
        }
        guard case .dynamic = definition.kind else {
            throw OperatorError(
                .dataError, "partitions definition '\(name)' is \(definition.kindDescription), not dynamic",
                hint: "only dynamic definitions take keys at run time; declare one with `type: dynamic` in arco.yaml")
        }
        return definitions.partitions.contains { other in
            other.multi?.dimensions.contains { $0.partitions.rawValue == name } ?? false
        }
    }

    static func unknownDefinition(_ name: String, _ definitions: WorkspaceDefinitions) -> OperatorError {
        let names = definitions.partitions.map(\.name.rawValue)
        return OperatorError(
            .notFound, "unknown partitions definition '\(name)'",
            hint: names.isEmpty
                ? "declare one under `partitions:` in arco.yaml"
                : "known definitions: \(names.joined(separator: ", ")); list them with `arco validate --json`")
    }
}
