/// One problem found in a workspace file, with where it is and what to do about it.
///
/// Messages follow the house style: lowercase start, the subject in quotes, no trailing period,
/// e.g. `unknown asset 'raw_ordrs' in deps of 'clean_orders'` with the hint
/// `did you mean 'raw_orders'?`.
public struct DefinitionDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The offending node, when there is one.
    public var location: SourceLocation?
    /// What is wrong.
    public var message: String
    /// What to do next, if arco knows.
    public var hint: String?

    /// Creates a diagnostic.
    public init(location: SourceLocation?, message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `arco.yaml:12:5: unknown key 'comand' in asset 'raw'; did you mean 'command'?`
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += message
        if let hint { text += "; \(hint)" }
        return text
    }
}
