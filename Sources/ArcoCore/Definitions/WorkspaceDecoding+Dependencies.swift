/// Decodes an asset's `deps:`: a list of names, a mapping of name → mapping spec, or a list
/// mixing names and single-key mappings.
extension WorkspaceDecoding {
    static let mappingTypes = [
        "identity", "all", "last", "time_window", "static", "multi_to_single", "specific",
    ]

    /// The keys a mapping spec of `type` accepts.
    static func mappingKeys(for type: String?) -> [String] {
        switch type {
        case "identity", "all", "last": ["mapping"]
        case "time_window": ["mapping", "start_offset", "end_offset"]
        case "static": ["mapping", "key_map"]
        case "multi_to_single": ["mapping", "dimension"]
        case "specific": ["mapping", "keys"]
        default: ["mapping", "start_offset", "end_offset", "key_map", "dimension", "keys"]
        }
    }

    mutating func decodeDependencies(_ node: ConfigNode, of key: AssetKey) -> [AssetDependency] {
        let subject = DefinitionSubject.named("asset", key.rawValue).child("deps")
        var written: [(name: ConfigScalar, spec: ConfigNode?)] = []
        switch node {
        case .sequence(let items, _):
            for item in items {
                if let name = item.scalar, !name.isNull {
                    written.append((name, nil))
                } else if case .mapping(let entries, _) = item, entries.count == 1 {
                    written.append((entries[0].key, entries[0].value))
                } else {
                    reportType(item, subject, expected: "an asset name or a one-key mapping")
                }
            }
        case .mapping:
            for entry in mappingEntries(node, of: subject) ?? [] {
                written.append((entry.key, entry.value))
            }
        case .scalar(let scalar):
            if !scalar.isNull {
                reportType(node, subject, expected: "a list or a mapping",
                    hint: "write deps: [\(scalar.value)]")
            }
        }
        return dependencies(written, of: key)
    }

    private mutating func dependencies(
        _ written: [(name: ConfigScalar, spec: ConfigNode?)], of key: AssetKey
    ) -> [AssetDependency] {
        var seen: Set<String> = []
        var result: [AssetDependency] = []
        for (name, spec) in written {
            guard seen.insert(name.value).inserted else {
                report("duplicate dependency '\(name.value)' in deps of '\(key)'",
                    at: name.location)
                continue
            }
            let subject = DefinitionSubject.named("dependency", name.value)
            let dependencySubject = DefinitionSubject(
                description: "\(subject) of asset '\(key)'", isRoot: false)
            pendingKeyLocations = [:]
            let mapping = spec.flatMap { partitionMapping($0, dependencySubject) }
            let dependency = AssetDependency(asset: AssetKey(name.value), mapping: mapping)
            result.append(dependency)
            assetReferences.append(DefinitionReference(name: name.value, location: name.location,
                usage: "deps of '\(key)'"))
            dependencySites.append(DependencySite(downstream: key, dependency: dependency,
                location: name.location, mappingLocation: mapping == nil ? nil : spec?.location,
                keyLocations: pendingKeyLocations))
        }
        return result
    }

    /// `time_window` or `{mapping: time_window, start_offset: -1}`; nil when null or invalid.
    private mutating func partitionMapping(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> PartitionMapping? {
        if node.isNull { return nil }
        if node.scalar != nil {
            guard let type = keyword(node, subject.child("mapping"), among: Self.mappingTypes)
            else { return nil }
            if type == "static" || type == "specific" {
                let key = type == "static" ? "key_map" : "keys"
                report("mapping '\(type)' of \(subject) needs '\(key)'", at: node.location,
                    hint: "write {mapping: \(type), \(key): ...}")
                return nil
            }
            return mappingWithDefaults(type)
        }
        var type: String?
        if case .mapping(let entries, _) = node,
            let typeNode = entries.first(where: { $0.key.value == "mapping" })?.value
        {
            type = keyword(typeNode, subject.child("mapping"), among: Self.mappingTypes)
        }
        var required = ["mapping"]
        if type == "static" { required.append("key_map") }
        if type == "specific" { required.append("keys") }
        guard
            let fields = fields(node, of: subject, allowed: Self.mappingKeys(for: type),
                required: required),
            let type
        else { return nil }
        return partitionMapping(type, fields)
    }

    private func mappingWithDefaults(_ type: String) -> PartitionMapping? {
        switch type {
        case "identity": .identity
        case "all": .all
        case "last": .last
        case "time_window": .timeWindow(startOffset: 0, endOffset: 0)
        case "multi_to_single": .multiToSingle(dimension: nil)
        default: nil
        }
    }

    private mutating func partitionMapping(
        _ type: String, _ fields: ConfigFields
    ) -> PartitionMapping? {
        switch type {
        case "time_window":
            // Bounded like a definition's end_offset: the mapper walks the offset window by window.
            let bounds = -Limits.windowOffsetMagnitudeMax...Limits.windowOffsetMagnitudeMax
            let start = fields["start_offset"].flatMap {
                integer($0, fields.subject("start_offset"), in: bounds)
            }
            let end = fields["end_offset"].flatMap {
                integer($0, fields.subject("end_offset"), in: bounds)
            }
            return .timeWindow(startOffset: start ?? 0, endOffset: end ?? 0)
        case "static":
            return fields["key_map"].flatMap { keyMap($0, fields.subject("key_map")) }
                .map { .staticKeys($0) }
        case "multi_to_single":
            let dimension = fields["dimension"].flatMap { string($0, fields.subject("dimension")) }
            return .multiToSingle(dimension: dimension)
        case "specific":
            guard let node = fields["keys"], let keys = scalarList(node, fields.subject("keys"))
            else { return nil }
            if keys.isEmpty {
                report("\(fields.subject("keys")) must list at least one key", at: node.location)
            }
            for key in keys { pendingKeyLocations["specific:" + key.value] = key.location }
            return .specific(keys: keys.map(\.value))
        default:
            return mappingWithDefaults(type)
        }
    }

    /// `key_map: {upstream: downstream}` or `{upstream: [downstream, ...]}`.
    private mutating func keyMap(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> [StaticKeyMapping]? {
        guard let entries = mappingEntries(node, of: subject) else { return nil }
        if entries.isEmpty {
            report("\(subject) must map at least one key", at: node.location)
        }
        var result: [StaticKeyMapping] = []
        for entry in entries {
            let downstream = scalarList(entry.value, subject.child(entry.key.value),
                allowSingle: true) ?? []
            pendingKeyLocations["upstream:" + entry.key.value] = entry.key.location
            for key in downstream { pendingKeyLocations["downstream:" + key.value] = key.location }
            result.append(StaticKeyMapping(upstream: entry.key.value,
                downstream: downstream.map(\.value)))
        }
        return result
    }
}
