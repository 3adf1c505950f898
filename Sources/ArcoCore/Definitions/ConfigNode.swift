/// A YAML document as a plain tree, independent of the YAML library that produced it.
///
/// ArcoEngine builds it from Yams; ArcoCore decodes it. Every node carries the location of its
/// first character so that each diagnostic can name `file:line:column`.
public indirect enum ConfigNode: Sendable, Hashable {
    /// A scalar, kept as text.
    case scalar(ConfigScalar)
    /// A sequence (`- a` or `[a, b]`).
    case sequence([ConfigNode], location: SourceLocation)
    /// A mapping, entries in file order.
    case mapping([ConfigMappingEntry], location: SourceLocation)

    /// Where the node starts.
    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .sequence(_, let location), .mapping(_, let location): location
        }
    }

    /// The node's shape in messages: "a string", "null", "a list" or "a mapping".
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "null" : "a string"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The scalar, when this node is one.
    public var scalar: ConfigScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// Whether this is a null scalar (`~`, `null` or empty).
    public var isNull: Bool { scalar?.isNull ?? false }
}
