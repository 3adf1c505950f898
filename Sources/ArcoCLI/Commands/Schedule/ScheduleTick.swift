import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Schedule {
    /// `arco schedule tick`.
    struct Tick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tick",
            abstract: "Evaluate the due ticks of running schedules and start their runs.",
            discussion: """
                Each tick since the last evaluation, up to --now, is handled under the schedule's \
                catchup policy: latest (default) runs the most recent missed tick only; all runs every \
                missed tick inside catchup_window (default 24h), at most max_catchup_ticks (default 5) \
                per evaluation, oldest first; none runs a tick only if it is at most 90 seconds late. \
                Each tick is recorded once (tick id {schedule}:{epoch}) with its run under the key \
                sched:{schedule}:{epoch}, whatever crashes or concurrent copies happen, so it is safe \
                to run every minute from cron. Queued schedule runs get a worker process each, while \
                fewer than 25 schedule runs execute; --no-launch only queues them. Exits 1 when a tick \
                FAILED (its target or partition no longer works: `arco validate` says why). --json \
                prints {"ticks": [tick…]} with the tick object of docs/json.md.
                """
        )

        @Argument(
            help: ArgumentHelp("Only these schedules (default: every schedule).", valueName: "schedule"),
            completion: CompletionCandidates.schedules)
        var names: [String] = []

        @Flag(help: "Show what would be recorded; write nothing.")
        var dryRun = false

        @Flag(help: "Queue the requested runs without starting workers.")
        var noLaunch = false

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let launch: ScheduleLaunch = dryRun ? .dryRun : noLaunch ? .queueOnly : .launch
            try Self.perform(
                context: try CommandContext(global, json: output.json), names: names, now: time.instant, launch: launch)
        }

        /// The command's work, also reached without building the parser for the exact line
        /// cron runs every minute (`arco schedule tick`, see `ArcoMain`).
        static func perform(context: CommandContext, names: [String], now: Timestamp?, launch: ScheduleLaunch) throws {
            let json = context.json
            let dryRun = launch == .dryRun
            let report = try context.engine.scheduleTick(names: names, now: now, launch: launch) { event in
                if !json { ScheduleText.render(event, dryRun: dryRun) }
            }
            if json {
                JSONOutput.print(["ticks": .array(report.ticks.map { ScheduleJSON.tick($0) })])
            } else {
                let count = report.ticks.count
                let summary = count == 0 ? "no tick due" : "\(Plural.count(count, "tick")) \(dryRun ? "would be recorded" : "recorded")"
                Console.out(dryRun ? "\(summary) (dry run)" : summary)
            }
            // A FAILED tick is a schedule that no longer works: exit 1 so that cron, systemd and
            // scripts notice, as they would a failed run. SKIPPED is the schedule working.
            if report.ticks.contains(where: { $0.status == .failed }) { throw CommandFailure(status: .failure) }
        }
    }
}
