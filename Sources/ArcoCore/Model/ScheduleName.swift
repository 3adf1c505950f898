/// The name of a schedule declared in `arco.yaml` (`nightly`).
public struct ScheduleName: StringIdentifier {
    /// The name as written.
    public let rawValue: String

    /// Wraps a name without validating it.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
