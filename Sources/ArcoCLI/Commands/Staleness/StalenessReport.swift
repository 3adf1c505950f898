import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Staleness {
    /// `arco staleness report`.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "List stale and missing asset partitions with their reason, cause and since when.",
            discussion: """
                Rows come in topological asset order, then partition order; text groups consecutive \
                partitions with the same reason into ranges. --json streams {"rows": [row…], \
                "next_cursor": cursor|null, "summary": {"stale", "missing", "fresh"}}, a row being \
                {"asset", "partition", "status", "reason", "cause", "since"} (docs/json.md). The output \
                never contains the evaluation time, so two reports over one ledger are identical. \
                The summary counts every selected partition, whatever --reason, --from/--to and \
                paging keep. \
                Exit 1 with --check when a row the filters keep is stale or missing. Verdicts are \
                kept between reports and reused while nothing they depend on changed; \
                `arco rebuild` drops them.
                """
        )

        @Option(name: .customLong("select"), help: ArgumentHelp("Only these assets (`arco run`'s selection syntax).", valueName: "selection"), completion: CompletionCandidates.assets)
        var selection: String?

        @Option(name: .customLong("reason"), help: ArgumentHelp("Only rows with this reason (repeatable).", valueName: "code"))
        var reasons: [String] = []

        @Option(parsing: .unconditional, help: ArgumentHelp("Print at most this many rows, then a cursor for the next page.", valueName: "n"))
        var limit: Int?

        @Option(help: ArgumentHelp("Start after the row this cursor (from a previous page) names.", valueName: "cursor"))
        var after: String?

        @OptionGroup var window: PartitionWindowOptions

        @Flag(help: "Print fresh partitions too.")
        var includeFresh = false

        @Flag(help: "Exit 1 when a reported partition is stale or missing (for CI and `&&` chains).")
        var check = false

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            for reason in reasons where StaleReason(rawValue: reason.uppercased()) == nil {
                throw ValidationError(
                    "unknown reason '\(reason)'; one of \(StaleReason.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            var options = StalenessReportOptions(
                selection: selection, reasons: Set(reasons.compactMap { StaleReason(rawValue: $0.uppercased()) }),
                now: time.instant, limit: limit, after: after, includeFresh: includeFresh)
            options.window = window.window
            let page: StalenessPage
            if output.json {
                var stream = OutputStream()
                stream.append("{\"rows\":[")
                var first = true
                page = try context.engine.stalenessReport(options) { row in
                    if !first { stream.append(",") }
                    first = false
                    stream.append(row)
                }
                stream.append("],\"next_cursor\":" + CanonicalJSON.encode(.optional(page.nextCursor)))
                stream.append(",\"summary\":" + CanonicalJSON.encode(StalenessText.summaryJSON(page.summary)) + "}\n")
                stream.flush()
            } else {
                var groups = StalenessText.Grouper()
                page = try context.engine.stalenessReport(options) { groups.add($0) }
                StalenessText.print(groups.finish(), page: page, terminal: context.terminal)
            }
            if check && page.foundStale { throw CommandFailure(status: .failure) }
        }
    }
}
