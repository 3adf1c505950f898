/// The keys of one mapping after unknown, duplicate and missing keys were reported.
struct ConfigFields {
    /// Who the mapping belongs to.
    let subject: DefinitionSubject
    /// Where the mapping starts.
    let location: SourceLocation
    private let values: [String: ConfigMappingEntry]

    init(subject: DefinitionSubject, location: SourceLocation, entries: [ConfigMappingEntry]) {
        self.subject = subject
        self.location = location
        var values: [String: ConfigMappingEntry] = [:]
        for entry in entries where values[entry.key.value] == nil {
            values[entry.key.value] = entry
        }
        self.values = values
    }

    /// The value under `key`, if present.
    subscript(_ key: String) -> ConfigNode? { values[key]?.value }

    /// Whether `key` is present.
    func has(_ key: String) -> Bool { values[key] != nil }

    /// Where `key` was written.
    func keyLocation(_ key: String) -> SourceLocation? { values[key]?.key.location }

    /// The subject of the value under `key`.
    func subject(_ key: String) -> DefinitionSubject { subject.child(key) }
}

extension WorkspaceDecoding {
    /// Reads a mapping whose keys are fixed (an asset's settings, a schedule's settings).
    ///
    /// Reports a non-mapping, duplicate keys, unknown keys (with a suggestion, or the valid keys
    /// when nothing is close; `misplaced` gives a better hint for keys valid elsewhere) and
    /// missing required keys. A null value reads as an empty mapping.
    mutating func fields(
        _ node: ConfigNode, of subject: DefinitionSubject, allowed: [String],
        required: [String] = [], misplaced: [String: String] = [:]
    ) -> ConfigFields? {
        guard let entries = mappingEntries(node, of: subject) else { return nil }
        for entry in entries where !allowed.contains(entry.key.value) {
            let key = entry.key.value
            let hint = misplaced[key]
                ?? NameSuggestion.hint(for: key, in: allowed)
                ?? "valid keys: \(allowed.sorted().joined(separator: ", "))"
            report(subject.unknownKeyMessage(key), at: entry.key.location, hint: hint)
        }
        let fields = ConfigFields(subject: subject, location: node.location, entries: entries)
        for key in required where !fields.has(key) {
            report("missing required key '\(key)' in \(subject)", at: node.location)
        }
        return fields
    }

    /// Reads a mapping whose keys are names (the `assets:` section, `env:`, `tags:`), reporting
    /// a non-mapping and duplicate keys. A null value reads as an empty mapping.
    mutating func mappingEntries(
        _ node: ConfigNode, of subject: DefinitionSubject
    ) -> [ConfigMappingEntry]? {
        if node.isNull { return [] }
        guard case .mapping(let entries, _) = node else {
            reportType(node, subject, expected: "a mapping")
            return nil
        }
        var seen: Set<String> = []
        var unique: [ConfigMappingEntry] = []
        for entry in entries {
            guard seen.insert(entry.key.value).inserted else {
                report("duplicate key '\(entry.key.value)' in \(subject)", at: entry.key.location)
                continue
            }
            unique.append(entry)
        }
        return unique
    }

    /// Reads a list; a null value reads as an empty list.
    mutating func sequenceItems(
        _ node: ConfigNode, of subject: DefinitionSubject
    ) -> [ConfigNode]? {
        if node.isNull { return [] }
        guard case .sequence(let items, _) = node else {
            reportType(node, subject, expected: "a list")
            return nil
        }
        return items
    }
}
