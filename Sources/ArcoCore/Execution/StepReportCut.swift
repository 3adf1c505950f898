/// What arco dropped from a step's `ARCO_REPORT` file that was over `Limits.stepReportBytesMax`.
///
/// The step still succeeds: its work is done, and failing it would make a retry redo that work
/// only to write the same report again. Only whole lines within the limit are kept, so every kept
/// line parses as the step wrote it; a `data_version` or metadata written after the limit is lost,
/// and the materialization says so under `arco/report_truncated`. See
/// docs/adr/0015-step-report-bounds.md.
public struct StepReportCut: Sendable, Hashable {
    /// The metadata key under which a cut report's materialization records the cut.
    public static let metadataKey = "arco/report_truncated"

    /// The size of the whole report as far as arco looked (its size when it was opened, or more
    /// if it was still growing).
    public var reportBytes: Int64
    /// The bytes kept: whole lines from the start, at most `limitBytes`.
    public var keptBytes: Int64
    /// The limit in force.
    public var limitBytes: Int64

    /// Creates a cut.
    public init(reportBytes: Int64, keptBytes: Int64, limitBytes: Int64) {
        self.reportBytes = reportBytes
        self.keptBytes = keptBytes
        self.limitBytes = limitBytes
    }

    /// The value recorded under `metadataKey`.
    public var metadataValue: JSONValue {
        .object([
            "report_bytes": .int(reportBytes), "kept_bytes": .int(keptBytes), "limit_bytes": .int(limitBytes),
        ])
    }

    /// The one-line warning printed with the step (without the `warning:` prefix).
    public var warning: String {
        "ARCO_REPORT is \(reportBytes) bytes, over the \(ByteSizeSyntax.format(limitBytes)) limit;"
            + " kept its first \(keptBytes) bytes (whole lines) and dropped the rest"
    }

    /// The length of the longest prefix of `head` made of whole lines and at most `limit` bytes.
    ///
    /// `head` may hold one byte past the limit: when that byte is a newline, the first `limit`
    /// bytes are whole lines. A first line longer than the limit keeps nothing.
    public static func keptLength(of head: some Collection<UInt8>, limit: Int) -> Int {
        let bytes = Array(head.prefix(limit + 1))
        if bytes.count <= limit { return bytes.count }
        if bytes[limit] == UInt8(ascii: "\n") { return limit }
        guard let newline = bytes[..<limit].lastIndex(of: UInt8(ascii: "\n")) else { return 0 }
        return newline + 1
    }
}
