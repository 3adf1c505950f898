import ArcoCore
import ArcoEngine

/// Text renderings of staleness for people.
enum StalenessText {
    /// Consecutive rows of one asset with the same status, reason and upstream asset.
    struct Group {
        var first: StalenessRow
        var last: StalenessRow
        var count: Int
        /// The earliest known `since` in the group.
        var since: Timestamp?
    }

    /// Folds rows, in report order, into groups as they stream by.
    struct Grouper {
        private var groups: [Group] = []

        mutating func add(_ row: StalenessRow) {
            if var current = groups.last, current.last.asset == row.asset, current.last.position + 1 == row.position,
                current.last.status == row.status,
                current.last.reason == row.reason,
                current.last.cause?.upstream?.asset == row.cause?.upstream?.asset
            {
                current.last = row
                current.count += 1
                if let since = row.since, current.since.map({ since < $0 }) ?? true { current.since = since }
                groups[groups.count - 1] = current
                return
            }
            groups.append(Group(first: row, last: row, count: 1, since: row.since))
        }

        func finish() -> [Group] { groups }
    }

    static func print(_ groups: [Group], page: StalenessPage, terminal: Terminal) {
        if groups.isEmpty {
            Console.out("nothing stale or missing")
        } else {
            let rows = groups.map { group in
                [
                    group.first.asset.rawValue, partitions(group), group.first.status.rawValue,
                    group.first.reason?.rawValue ?? "-", cause(group), group.since?.iso8601 ?? "-",
                ]
            }
            let table = RunText.table(["ASSET", "PARTITIONS", "STATUS", "REASON", "CAUSE", "SINCE"], rows) { column, cell in
                guard column == 2 else { return cell }
                let word = cell.trimmingCharacters(in: .whitespaces)
                let padding = String(repeating: " ", count: cell.count - word.count)
                switch word {
                case "STALE": return terminal.yellow(word) + padding
                case "MISSING": return terminal.red(word) + padding
                default: return terminal.green(word) + padding
                }
            }
            for line in table { Console.out(line) }
        }
        let summary = page.summary
        Console.out(
            "\(summary.stale) stale, \(summary.missing) missing, \(summary.fresh) fresh "
                + "(of \(summary.stale + summary.missing + summary.fresh) asset partitions selected)")
        if let next = page.nextCursor { Console.out("more: arco staleness report --after \(next)") }
    }

    static func summaryJSON(_ summary: StalenessSummary) -> JSONValue {
        ["stale": .int(Int64(summary.stale)), "missing": .int(Int64(summary.missing)), "fresh": .int(Int64(summary.fresh))]
    }

    private static func partitions(_ group: Group) -> String {
        guard let first = group.first.partition else { return "-" }
        guard group.count > 1, let last = group.last.partition else { return first }
        return "\(first)...\(last) (\(group.count))"
    }

    private static func cause(_ group: Group) -> String {
        guard let cause = group.first.cause else { return "-" }
        return describe(cause, single: group.count == 1)
    }

    /// One line for a cause; `single` when it describes one row, so versions can be shown.
    static func describe(_ cause: StalenessCause, single: Bool = true) -> String {
        func name(_ asset: AssetKey, _ partition: String?) -> String {
            single ? asset.rawValue + (partition.map { " \($0)" } ?? "") : asset.rawValue
        }
        switch cause {
        case .neverMaterialized:
            return "never materialized"
        case .codeChanged(let materialized, let current, _):
            return "code version \(materialized ?? "none") → \(current ?? "none")"
        case .upstreamNeverMaterialized(let asset, let partition):
            return "\(name(asset, partition)) never materialized"
        case .upstreamChanged(let asset, let partition, let consumed, let current, _):
            guard single else { return "\(asset.rawValue) changed" }
            return "\(name(asset, partition)) changed (data version \(short(consumed)) → \(short(current)))"
        case .upstreamStale(let asset, let partition, let reason):
            return "\(name(asset, partition)) is \(reason == .neverMaterialized ? "missing" : "stale (\(reason.rawValue))")"
        case .freshnessViolated(_, let lag, let cron, let deadline):
            let rule = cron.map { "at most \(lag) s old at each `\($0)`" } ?? "at most \(lag) s old"
            return "must be \(rule); missed \(deadline.iso8601)"
        }
    }

    private static func short(_ version: String?) -> String {
        guard let version else { return "none" }
        return version.count > 8 ? String(version.prefix(7)) + "…" : version
    }

    /// `clean 2024-01-02 is stale because raw 2024-01-02 changed (…) at …`, then the upstream
    /// partitions indented beneath.
    static func tree(_ explanation: StalenessExplanation, terminal: Terminal) -> [String] {
        var lines: [String] = []
        func walk(_ node: StalenessExplanation, depth: Int) {
            let indent = String(repeating: "  ", count: depth) + (depth > 0 ? "└ " : "")
            lines.append(indent + sentence(node, terminal: terminal))
            for child in node.upstream { walk(child, depth: depth + 1) }
            if node.omitted > 0 {
                lines.append(String(repeating: "  ", count: depth + 1) + "└ … and \(node.omitted) more upstream partitions")
            }
        }
        walk(explanation, depth: 0)
        return lines
    }

    private static func sentence(_ node: StalenessExplanation, terminal: Terminal) -> String {
        let row = node.row
        let subject = terminal.bold(row.asset.rawValue + (row.partition.map { " \($0)" } ?? ""))
        guard let reason = row.reason, let cause = row.cause else { return "\(subject) is fresh" }
        let since = row.since.map { " since \($0.iso8601)" } ?? ""
        if node.repeated { return "\(subject) is \(row.status.rawValue.lowercased()) (\(reason.rawValue), shown above)" }
        switch cause {
        case .upstreamChanged(_, _, _, _, let changedAt):
            let when = changedAt.map { " at \($0.iso8601)" } ?? ""
            return "\(subject) is stale because \(describe(cause))\(when)"
        case .neverMaterialized:
            return "\(subject) is missing: never materialized"
        default:
            return "\(subject) is \(row.status.rawValue.lowercased()) because \(describe(cause))\(since) [\(reason.rawValue)]"
        }
    }
}
