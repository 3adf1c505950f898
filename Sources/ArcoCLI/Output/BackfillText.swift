import ArcoCore

/// Text renderings of backfills for people.
enum BackfillText {
    static func coloured(_ status: String, _ terminal: Terminal) -> String {
        switch status {
        case "SUCCEEDED": return terminal.green(status)
        case "FAILED": return terminal.red(status)
        case "CANCELED", "PAUSED": return terminal.yellow(status)
        case "PENDING", "QUEUED": return terminal.dim(status)
        default: return terminal.bold(status)
        }
    }

    /// `120/365 succeeded, 2 failed, 4 running, 239 remaining`.
    static func counts(_ row: BackfillRow) -> String {
        var parts = ["\(row.succeeded)/\(row.total) succeeded"]
        if row.failed > 0 { parts.append("\(row.failed) failed") }
        if row.canceled > 0 { parts.append("\(row.canceled) canceled") }
        if row.running + row.queued > 0 { parts.append("\(row.running + row.queued) running") }
        if row.blocked > 0 { parts.append("\(row.blocked) blocked by failures") }
        if row.notRun > 0 { parts.append("\(row.notRun) not run") }
        if !row.status.isFinal { parts.append("\(row.remaining) remaining") }
        return parts.joined(separator: ", ")
    }

    /// Consecutive targets of one asset in the same status, as `first...last` ranges: a large
    /// backfill's partitions in a screenful.
    static func ranges(_ rows: [BackfillPartitionRow], in backfill: BackfillState) -> [[String]] {
        var result = [[String]]()
        var start: BackfillPartitionRow?
        var last: BackfillPartitionRow?
        var count = 0
        func close() {
            guard let first = start, let end = last else { return }
            let span = first.partition.map { $0 == end.partition ? $0 : "\($0)...\(end.partition ?? "")" } ?? "-"
            result.append([first.asset, span, first.shownStatus(in: backfill), String(count)])
        }
        for row in rows {
            if let current = last, current.asset == row.asset, current.status == row.status, current.position + 1 == row.position {
                last = row
                count += 1
                continue
            }
            close()
            start = row
            last = row
            count = 1
        }
        close()
        return result
    }
}
