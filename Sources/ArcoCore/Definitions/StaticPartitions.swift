/// A static partitions definition: a fixed, ordered list of keys.
public struct StaticPartitions: Sendable, Hashable {
    /// The keys in the order written; unique, non-empty, free of `...` and control characters.
    public var keys: [String]

    /// Creates a definition.
    public init(keys: [String]) {
        self.keys = keys
    }
}
