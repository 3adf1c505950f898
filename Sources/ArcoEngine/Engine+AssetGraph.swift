import ArcoCore

/// One asset in `arco asset graph`: what it reads among the shown assets, and its health.
public struct AssetGraphNode: Sendable, Hashable {
    public var asset: String
    public var group: String
    public var partitionsDefinition: String?
    /// The shown assets it depends on, in declaration order.
    public var dependencies: [String]
    public var health: AssetHealth
}

extension Engine {
    /// The assets of `selection` (every asset when nil) in file order, with the edges between
    /// them and each one's health now.
    public func assetGraph(selection: String?) throws -> [AssetGraphNode] {
        let definitions = try loadDefinitions()
        let assets: [AssetKey]
        if let selection {
            do {
                assets = try AssetSelection.parse([selection]).resolve(in: definitions)
            } catch {
                throw Self.selectionError(error)
            }
        } else {
            assets = definitions.assets.map(\.key)
        }
        let shown = Set(assets)
        let now = environment.clock.now()
        return try definitions.assets.map(\.key).filter(shown.contains).compactMap { key in
            guard let asset = definitions.asset(key) else { return nil }
            let counts = try assetStatus(key.rawValue, now: now, definitions: definitions).summary.counts
            return AssetGraphNode(
                asset: key.rawValue, group: asset.group, partitionsDefinition: asset.partitions?.rawValue,
                dependencies: asset.dependencies.map(\.asset).filter { shown.contains($0) && $0 != key }.map(\.rawValue),
                health: AssetHealth(counts: counts))
        }
    }
}
