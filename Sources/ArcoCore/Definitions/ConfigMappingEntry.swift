/// One `key: value` pair of a YAML mapping, in file order.
public struct ConfigMappingEntry: Sendable, Hashable {
    /// The key; keys are always scalars in a workspace file.
    public var key: ConfigScalar
    /// The value.
    public var value: ConfigNode

    /// Creates a pair.
    public init(key: ConfigScalar, value: ConfigNode) {
        self.key = key
        self.value = value
    }
}
