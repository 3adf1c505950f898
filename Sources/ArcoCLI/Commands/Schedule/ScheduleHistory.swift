import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Schedule {
    /// `arco schedule history`.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show a schedule's recorded ticks, newest first.",
            discussion: """
                Each tick with its status (TRIGGERED, SKIPPED, FAILED), run key, run id and that \
                run's status, or the skip or failure reason. --json prints {"ticks": [tick…]} with \
                the tick object of docs/json.md plus "run_status".
                """
        )

        @Argument(help: ArgumentHelp("The schedule.", valueName: "schedule"), completion: CompletionCandidates.schedules)
        var name: String

        @Option(help: ArgumentHelp("Only ticks with this status (TRIGGERED, SKIPPED or FAILED).", valueName: "status"))
        var status: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("At most this many.", valueName: "n"))
        var limit: Int?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let status, TickStatus(rawValue: status.uppercased()) == nil {
                throw ValidationError("--status '\(status)' is not a tick status: TRIGGERED, SKIPPED or FAILED")
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let ticks = try context.engine.scheduleHistory(
                name, status: status.flatMap { TickStatus(rawValue: $0.uppercased()) }, limit: limit)
            if output.json {
                JSONOutput.print(["ticks": .array(ticks.map { ScheduleJSON.tick($0, withRunStatus: true) })])
                return
            }
            guard !ticks.isEmpty else {
                Console.out("no ticks recorded for '\(name)'; see what is due with `arco schedule tick \(name) --dry-run`")
                return
            }
            let rows = ticks.map { tick in
                [
                    tick.localText, tick.status.rawValue, tick.runKey?.rawValue ?? "-",
                    tick.runID?.rawValue ?? "-", tick.runStatus?.rawValue ?? "-", tick.reason ?? "-",
                ]
            }
            for line in RunText.table(["SCHEDULED FOR", "STATUS", "RUN KEY", "RUN", "RUN STATUS", "REASON"], rows) {
                Console.out(line)
            }
        }
    }
}
