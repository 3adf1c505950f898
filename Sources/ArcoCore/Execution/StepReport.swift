/// What a step wrote to its `ARCO_REPORT` file: JSON lines setting its data version and
/// metadata. Later lines win for `data_version`; `metadata` objects are merged key by key.
public struct StepReport: Sendable, Hashable {
    /// The data version the step reported, if any.
    public var dataVersion: String?
    /// Metadata merged from every line.
    public var metadata: [String: JSONValue]
    /// What was dropped from a report over `Limits.stepReportBytesMax`, or `nil` when all of it
    /// was kept.
    public var cut: StepReportCut?

    /// Reads the start of a report file in bounded memory: `head` is at most `limit + 1` bytes
    /// of it, and `reportBytes` the file's size.
    ///
    /// A report within the limit is parsed whole. A larger one keeps only the whole lines within
    /// the limit, and its metadata gains `arco/report_truncated` (see `StepReportCut`).
    /// - Returns: `nil` when the kept bytes are not UTF-8 (such a report was always ignored).
    /// - Throws: `StepReportError` for a kept line that is malformed.
    public static func parse(head: [UInt8], reportBytes: Int64, limit: Int64 = Limits.stepReportBytesMax)
        throws(StepReportError) -> StepReport?
    {
        guard reportBytes > limit || Int64(head.count) > limit else {
            guard let text = String(validating: head, as: UTF8.self) else { return nil }
            return try parse(text)
        }
        let kept = StepReportCut.keptLength(of: head, limit: Int(limit))
        guard let text = String(validating: head[..<kept], as: UTF8.self) else { return nil }
        var report = try parse(text)
        let cut = StepReportCut(
            reportBytes: max(reportBytes, Int64(head.count)), keptBytes: Int64(kept), limitBytes: limit)
        report.cut = cut
        report.metadata[StepReportCut.metadataKey] = cut.metadataValue
        return report
    }

    /// Reads the file's text. Blank lines are ignored.
    /// - Throws: `StepReportError` naming the first line that is not a JSON object with the
    ///   documented fields, so a step that writes garbage fails visibly instead of silently.
    public static func parse(_ text: String) throws(StepReportError) -> StepReport {
        var report = StepReport(dataVersion: nil, metadata: [:])
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingWhitespace
            guard !trimmed.isEmpty else { continue }
            guard let value = try? JSONParser.parse(String(trimmed)), let object = value.objectValue else {
                throw StepReportError(line: index + 1, reason: "not a JSON object")
            }
            for (key, field) in object {
                switch key {
                case "data_version":
                    guard let version = field.stringValue, !version.isEmpty else {
                        throw StepReportError(line: index + 1, reason: "data_version must be a non-empty string")
                    }
                    report.dataVersion = version
                case "metadata":
                    guard let entries = field.objectValue else {
                        throw StepReportError(line: index + 1, reason: "metadata must be an object")
                    }
                    report.metadata.merge(entries) { _, new in new }
                default:
                    throw StepReportError(line: index + 1, reason: "unknown field '\(key)' (use data_version or metadata)")
                }
            }
        }
        return report
    }
}

/// A malformed `ARCO_REPORT` line, or a report file arco will not read.
public struct StepReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number, or `nil` when the file itself is refused (a link, a FIFO).
    public var line: Int?
    /// What is wrong with it.
    public var reason: String

    /// Creates an error.
    public init(line: Int?, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        guard let line else { return "ARCO_REPORT: \(reason)" }
        return "ARCO_REPORT line \(line): \(reason)"
    }
}
