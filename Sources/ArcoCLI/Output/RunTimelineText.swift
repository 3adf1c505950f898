import ArcoCore

/// `arco status RUN --timeline`: a text Gantt chart of a run's steps, one row each, scaled so
/// the run's whole span fits the width. Bars use the health bar's shapes (`#` success, `x`
/// failure, `>` still running, `-` canceled), so they read without colour; each row ends with
/// the step's duration, its attempt when retried, and how it ended when it did not succeed.
enum RunTimelineText {
    static func lines(_ run: RunRow, steps: [StepRow], width: Int, now: Timestamp, _ terminal: Terminal) -> [String] {
        let started = steps.compactMap(\.startedAt)
        guard let first = (run.startedAt.map { [$0] + started } ?? started).min() else {
            return ["run \(run.runID): no step has started"]
        }
        let end = run.finishedAt ?? now
        let span = max(end.microsecondsSinceEpoch - first.microsecondsSinceEpoch, 1)
        let nameWidth = min(max(steps.map(\.stepKey.rawValue.count).max() ?? 4, 4), 40)
        let barWidth = max(10, width - nameWidth - 24)
        func column(_ instant: Timestamp) -> Int {
            Int((instant.microsecondsSinceEpoch - first.microsecondsSinceEpoch) * Int64(barWidth) / span)
        }
        let total = RunText.duration(Double(span) / 1_000_000)
        var lines = [pad("STEP", nameWidth) + "  0" + String(repeating: " ", count: max(1, barWidth - 1 - total.count)) + total]
        for step in steps {
            let name = pad(String(step.stepKey.rawValue.prefix(nameWidth)), nameWidth)
            guard let start = step.startedAt else {
                lines.append(name + "  " + String(repeating: " ", count: barWidth) + "  " + terminal.dim(step.status.rawValue.lowercased()))
                continue
            }
            let stop = step.finishedAt ?? now
            let from = min(column(start), barWidth - 1)
            let length = max(1, min(column(stop), barWidth) - from)
            let bar = style(String(repeating: symbol(step.status), count: length), step.status, terminal)
            var row = name + "  " + String(repeating: " ", count: from) + bar
                + String(repeating: " ", count: max(0, barWidth - from - length))
            row += "  " + RunText.duration(from: start, to: stop)
            if step.attempt > 1 { row += "  attempt \(step.attempt)" }
            if step.status != .success && step.status != .running { row += "  " + step.status.rawValue }
            lines.append(row)
        }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func symbol(_ status: StepStatus) -> Character {
        switch status {
        case .success: "#"
        case .failure: "x"
        case .running, .retryWait, .pending: ">"
        case .canceled, .skipped: "-"
        }
    }

    private static func style(_ text: String, _ status: StepStatus, _ terminal: Terminal) -> String {
        switch status {
        case .success: terminal.green(text)
        case .failure: terminal.red(text)
        case .running, .retryWait, .pending: terminal.yellow(text)
        case .canceled, .skipped: terminal.dim(text)
        }
    }
}
