/// Why a selection cannot be used. Every case is the operator's input error (exit 65).
public enum SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither the new syntax nor a legacy clause reads the text.
    case invalid(String)
    /// An attribute Dagster parses but arco's assets do not have (`owner:`, `kind:`, …).
    case unsupportedAttribute(String)
    /// A name or exact `key:` that is no asset, with the nearest asset names.
    case unknownAsset(String, nearest: [String])
    /// The whole selection resolved to no asset.
    case empty(String)

    public var description: String {
        switch self {
        case .invalid(let text): return "invalid selection '\(text)'"
        case .unsupportedAttribute(let name): return "selection attribute '\(name):' is not supported; use key:, tag: or group:"
        case .unknownAsset(let name, let nearest):
            return "unknown asset '\(name)'" + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))")
        case .empty(let text): return "selection '\(text)' matches no asset"
        }
    }
}
