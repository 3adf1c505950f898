import ArcoCore
import ArgumentParser

extension ArcoCommand {
    /// `arco rebuild`.
    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: "Rebuild the state commands read (runs, partitions, backfills) from the event ledger, and swap it in at once.",
            discussion: """
                With --verify nothing changes: the current state is compared with one rebuilt from \
                the ledger and any difference is reported (exit 1). A broken hash chain exits 74. --json prints \
                {"events_folded", "unknown_events", "rejected_events", "swapped", "differences": \
                [{"table", "only_live", "only_rebuilt"}]}.
                """
        )

        @Flag(help: "Only compare the current state with one rebuilt from the ledger; change nothing.")
        var verify = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let showProgress = context.terminal.stderrIsTTY && !output.json
            let report = try context.engine.rebuild(verifyOnly: verify) { folded in
                if showProgress { Console.progress("folded \(folded) events") }
            }
            if showProgress { Console.endProgress() }
            if output.json {
                JSONOutput.print(Self.json(report))
            } else {
                printText(report, context.terminal)
            }
            if verify && !report.differences.isEmpty { throw CommandFailure(status: .failure) }
        }

        static func json(_ report: RebuildReport) -> JSONValue {
            [
                "events_folded": .int(report.eventsFolded), "unknown_events": .int(report.unknownEvents),
                "rejected_events": .int(report.rejectedEvents), "swapped": .bool(report.swapped),
                "differences": .array(
                    report.differences.map {
                        ["table": .string($0.table), "only_live": .int($0.onlyLive), "only_rebuilt": .int($0.onlyRebuilt)]
                    }),
            ]
        }

        private func printText(_ report: RebuildReport, _ terminal: Terminal) {
            let counts = "\(report.eventsFolded) events folded (\(report.unknownEvents) unknown, \(report.rejectedEvents) rejected)"
            if report.differences.isEmpty {
                Console.out("\(terminal.green("ok")): \(counts); live projections " + (verify ? "match the ledger" : "replaced"))
                return
            }
            Console.out("\(terminal.red("differences")): \(counts)")
            for difference in report.differences {
                Console.out("  \(difference.table): \(difference.onlyLive) live-only rows, \(difference.onlyRebuilt) rebuilt-only rows")
            }
            if verify { Console.out("hint: replace the live projections with `arco rebuild`") }
        }
    }
}
