/// The name of an asset, as written in `arco.yaml` (`raw_orders`, `warehouse/orders`).
///
/// A key is one or more `/`-separated segments, each `[A-Za-z_][A-Za-z0-9_]*`, like Dagster's
/// asset key paths. The decoder validates the syntax; this type only carries the text.
public struct AssetKey: StringIdentifier {
    /// The key as written, segments joined by `/`.
    public let rawValue: String

    /// Wraps a key without validating it.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The `/`-separated segments of the key (`["warehouse", "orders"]`).
    public var path: [String] {
        rawValue.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}
