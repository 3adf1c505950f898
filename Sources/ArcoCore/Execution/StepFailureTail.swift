/// A failed attempt's error with the end of its output: `exit code 3` says that a step failed,
/// its last lines (`ERROR: upstream API returned 503`) say why, and an operator should not have
/// to open `arco logs` to learn it.
///
/// The error is recorded as the cause, then the output's last whole lines, one per line, within
/// `Limits.stepErrorTailBytesMax`. Control characters other than tab become `?`, so a step's
/// escape sequences never reach the terminal of whoever reads the error later.
public enum StepFailureTail {
    /// `cause`, followed by the last lines of `output` (the end of the attempt's log).
    public static func error(_ cause: String, output: [UInt8]) -> String {
        let lines = lastLines(output, maxBytes: Limits.stepErrorTailBytesMax)
        return ([cause] + lines).joined(separator: "\n")
    }

    /// A recorded error split into its cause and output lines (none for an error without them).
    public static func split(_ error: String) -> (cause: String, output: [String]) {
        let lines = error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (lines.first ?? "", Array(lines.dropFirst()))
    }

    /// One line for a table cell: the cause, and the output's last line when there is one.
    public static func oneLine(_ error: String) -> String {
        let (cause, output) = split(error)
        return output.last.map { "\(cause): \($0)" } ?? cause
    }

    /// The whole, non-blank last lines of `bytes` within `maxBytes` (a line cut by the window's
    /// start is dropped), sanitised.
    static func lastLines(_ bytes: [UInt8], maxBytes: Int) -> [String] {
        var window = bytes.suffix(maxBytes)
        if window.count < bytes.count, let newline = window.firstIndex(of: 0x0A) {
            window = window[(newline + 1)...]
        }
        return window.split(separator: 0x0A).map { line in
            // A CRLF line's carriage return is dropped; any other control byte could steer a
            // terminal, and is shown as `?`.
            let visible = line.filter { $0 != 0x0D }.map { $0 == 0x09 || $0 >= 0x20 && $0 != 0x7F ? $0 : UInt8(ascii: "?") }
            return String(decoding: visible, as: UTF8.self).trimmingTrailingWhitespace()
        }.filter { !$0.isEmpty }
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
