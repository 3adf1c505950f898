/// The one error shape operators see: what went wrong (naming the thing), what to do next (a
/// command to copy), and the exit code.
///
/// Use cases throw it where they know the context for a useful hint; the CLI renders it as
/// `error: …` and `hint: …` lines, or as a JSON object on stderr under `--json`.
public struct OperatorError: Error, Sendable, CustomStringConvertible {
    /// Drives the process exit code.
    public var status: ExitStatus
    /// Lowercase, subject in quotes, no trailing period: "run 'r-42' not found".
    public var message: String
    /// An imperative phrase with a command: "list recent runs with `arco status`".
    public var hint: String?
    /// Further lines of detail (e.g. every validation problem), printed after the message.
    public var details: [String]
    /// The underlying error's description, shown for context.
    public var cause: String?
    /// Structured detail for `--json` consumers (e.g. every validation problem with its location).
    public var data: JSONValue?
    /// The passing store state behind the error, if any: lets a caller wait instead of failing.
    public var storeCondition: StoreCondition?

    /// Creates an operator error.
    public init(
        _ status: ExitStatus, _ message: String, hint: String? = nil, details: [String] = [], cause: String? = nil,
        data: JSONValue? = nil
    ) {
        self.data = data
        self.status = status
        self.message = message
        self.hint = hint
        self.details = details
        self.cause = cause
    }

    public var description: String { "error: \(message)" + (hint.map { "\nhint: \($0)" } ?? "") }
}
