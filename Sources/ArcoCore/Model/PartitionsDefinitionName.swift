/// The name under which `arco.yaml` declares a partitions definition (`daily`, `region`).
public struct PartitionsDefinitionName: StringIdentifier {
    /// The name as written.
    public let rawValue: String

    /// Wraps a name without validating it.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
