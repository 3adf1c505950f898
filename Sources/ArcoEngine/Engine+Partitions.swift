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
            PartitionKeyRules.problem(with: key, insideMulti: insideMulti).map { "'\(key)': \($0)" }
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
                if let event = outcome.event {
                    _ = try transaction.append([(EventDraft(event), eventID)], recordedAt: now)
                }
                return outcome
            }
        }
        return DynamicPartitionsReport(
            partitionsDef: name, added: outcome.added, removed: outcome.removed, unchanged: outcome.unchanged)
    }

    /// The keys of a partitions definition in order, for `arco partitions list`.
    public func partitionKeys(_ name: String) throws -> [String] {
        let definitions = try loadDefinitions()
        guard let definition = definitions.partitionsDefinition(PartitionsDefinitionName(name)) else {
            throw Self.unknownDefinition(name, definitions)
        }
        switch definition.kind {
        case .static(let keys):
            return keys.keys
        case .dynamic:
            let store = try store()
            return try mapStoreErrors { try store.read { try $0.dynamicPartitionKeys(name) } }
        case .multi(let multi):
            var product = [[String]()]
            for dimension in multi.dimensions {
                let keys = try partitionKeys(dimension.partitions.rawValue)
                product = product.flatMap { prefix in keys.map { prefix + [$0] } }
            }
            return product.map { $0.joined(separator: "|") }
        case .timeWindow:
            throw Self.timeWindowsUnavailable(name)
        }
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
