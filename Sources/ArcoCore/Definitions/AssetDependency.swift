/// One upstream asset of an asset, with an optional partition mapping.
public struct AssetDependency: Sendable, Hashable {
    /// The upstream asset.
    public var asset: AssetKey
    /// The declared mapping; nil means "inferred" (see `PartitionMapping`).
    public var mapping: PartitionMapping?

    /// Creates a dependency.
    public init(asset: AssetKey, mapping: PartitionMapping? = nil) {
        self.asset = asset
        self.mapping = mapping
    }
}
