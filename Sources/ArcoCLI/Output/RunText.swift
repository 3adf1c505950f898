import Foundation
import ArcoCore

/// Text renderings of runs for people: durations, tables, status colours.
enum RunText {
    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60)m\(whole % 60)s" }
        return "\(whole / 3600)h\(whole % 3600 / 60)m"
    }

    static func duration(from start: Timestamp?, to end: Timestamp?) -> String {
        guard let start, let end else { return "-" }
        return duration(Double(end.microsecondsSinceEpoch - start.microsecondsSinceEpoch) / 1_000_000)
    }

    /// What a run waiting for disk space prints on stderr: why, where to free space, and that
    /// a signal stops the steps but not the wait (docs/adr/0016-full-disk.md).
    static func diskFullWaiting(waitedMilliseconds: Int, stateFolder: String) -> String {
        let since = waitedMilliseconds < 1000 ? "" : " (for \(duration(Double(waitedMilliseconds) / 1000)))"
        return "waiting: the disk is full\(since); the run keeps its steps' outcomes"
            + " and records them once space is freed on the disk holding '\(stateFolder)' (see `df -h \(stateFolder)`);"
            + " Ctrl-C stops the steps, the run still waits to record"
    }

    /// The line a run prints while its PostgreSQL server cannot be reached.
    static func unreachableWaiting(waitedMilliseconds: Int, reason: String) -> String {
        let since = waitedMilliseconds < 1000 ? "" : " (for \(duration(Double(waitedMilliseconds) / 1000)))"
        return "waiting: the store cannot be reached\(since): \(reason); the run keeps its steps' outcomes"
            + " and records them once the server is back; Ctrl-C stops the steps, the run still waits to record"
    }

    static func coloured(_ status: String, _ terminal: Terminal) -> String {
        switch status {
        case "SUCCESS": return terminal.green(status)
        case "FAILURE": return terminal.red(status)
        case "CANCELED", "CANCELING", "SKIPPED": return terminal.yellow(status)
        case "QUEUED", "PENDING", "RETRY_WAIT": return terminal.dim(status)
        default: return terminal.bold(status)
        }
    }

    /// Columns padded to their widest cell; colour codes added after padding.
    ///
    /// Cells are escaped first: a value from an old ledger (a run key with a newline, recorded
    /// before run keys were checked) or a step's reason must not split its row.
    static func table(_ header: [String], _ rows: [[String]], colour: (Int, String) -> String = { $1 }) -> [String] {
        let rows = rows.map { $0.map(PrintableText.escapingControlCharacters) }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String], styled: Bool) -> String {
            cells.enumerated().map { index, cell in
                let padded = index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                return styled ? colour(index, padded) : padded
            }.joined(separator: "  ")
        }
        return [line(header, styled: false)] + rows.map { line($0, styled: true) }
    }
}
