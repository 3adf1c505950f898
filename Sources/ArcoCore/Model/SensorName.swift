/// The name of a sensor declared in `arco.yaml` (`new_files`).
public struct SensorName: StringIdentifier {
    /// The name as written.
    public let rawValue: String

    /// Wraps a name without validating it.
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
