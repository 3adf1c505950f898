/// Decodes the top level of `arco.yaml` and runs the cross-definition checks.
extension WorkspaceDecoding {
    static let topLevelKeys = [
        "version", "store", "partitions", "assets", "schedules", "sensors", "automation",
    ]

    /// Decodes everything; the result is meaningful only when no diagnostic was reported.
    mutating func decodeWorkspace(_ root: ConfigNode) -> WorkspaceDefinitions? {
        guard
            let fields = fields(root, of: .root, allowed: Self.topLevelKeys, required: ["version"])
        else { return nil }
        if let node = fields["version"] { checkVersion(node) }
        // Where the store is: read from the file's text by `StoreSelection`, checked here as text.
        if let node = fields["store"] { _ = string(node, DefinitionSubject.root.child("store")) }
        let partitions = fields["partitions"].map { decodePartitionsSection($0) } ?? []
        let assets = fields["assets"].map { decodeAssetsSection($0) } ?? []
        let schedules = fields["schedules"].map { decodeSchedulesSection($0) } ?? []
        let sensors = fields["sensors"].map { decodeSensorsSection($0) } ?? []
        let automation = fields["automation"].map { decodeAutomationSection($0) } ?? [:]
        checkReferences(assets: assets, partitions: partitions)
        checkDimensions(partitions: partitions)
        checkCycles(DependencyGraph(assets: assets))
        checkPartitionMappings(assets: assets, partitions: partitions)
        return WorkspaceDefinitions(version: DefinitionsDecoder.supportedVersion, assets: assets,
            partitions: partitions, schedules: schedules, sensors: sensors, automation: automation,
            locations: locations)
    }

    private mutating func checkVersion(_ node: ConfigNode) {
        let subject = DefinitionSubject.root.child("version")
        guard let version = integer(node, subject) else { return }
        if version != DefinitionsDecoder.supportedVersion {
            report("unsupported workspace file version \(version)", at: node.location,
                hint: "this arco reads 'version: \(DefinitionsDecoder.supportedVersion)'")
        }
    }
}
