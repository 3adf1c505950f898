import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Schedule {
    /// `arco schedule preview`.
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "List a schedule's coming ticks, or what the next tick would catch up.",
            discussion: """
                Lists the tick times t with from <= t < until as ISO 8601 instants with the zone's \
                offset; --from defaults to now, and without --until at most --count ticks (default \
                10) are listed. --json prints {"schedule": NAME, "ticks": [...]}. With --catchup, \
                shows what `schedule tick NAME --now ISO` would record after downtime (a dry run) and \
                --json prints {"schedule": NAME, "ticks": [tick…]} with the tick object of docs/json.md.
                """
        )

        @Argument(help: ArgumentHelp("The schedule.", valueName: "schedule"), completion: CompletionCandidates.schedules)
        var name: String

        @Option(help: ArgumentHelp("The first instant (ISO 8601 with Z or an offset; default now).", valueName: "iso"))
        var from: String?

        @Option(help: ArgumentHelp("List ticks before this instant (ISO 8601 with Z or an offset).", valueName: "iso"))
        var until: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("At most this many ticks (default 10).", valueName: "n"))
        var count: Int?

        @Flag(help: "Show what the next tick would record after downtime, as of --now.")
        var catchup = false

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try ScheduleInstant.parse(from, option: "--from")
            _ = try ScheduleInstant.parse(until, option: "--until")
            if until != nil, count != nil { throw ValidationError("give --until or --count, not both") }
            if let count, !(1...Limits.schedulePreviewTicksMax).contains(count) {
                throw ValidationError("--count must be between 1 and \(Limits.schedulePreviewTicksMax)")
            }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            if catchup {
                let report = try context.engine.scheduleTick(names: [name], now: time.instant, launch: .dryRun) { event in
                    if !output.json { ScheduleText.render(event, dryRun: true) }
                }
                if output.json {
                    JSONOutput.print(["schedule": .string(name), "ticks": .array(report.ticks.map { ScheduleJSON.tick($0) })])
                } else if report.ticks.isEmpty {
                    Console.out("no tick due")
                }
                return
            }
            let limit = until == nil ? (count ?? Limits.schedulePreviewTicksDefault) : Limits.schedulePreviewTicksMax
            let ticks = try context.engine.schedulePreview(
                name, from: try ScheduleInstant.parse(from, option: "--from") ?? time.instant,
                until: try ScheduleInstant.parse(until, option: "--until"), count: limit)
            if output.json {
                JSONOutput.print(["schedule": .string(name), "ticks": .array(ticks.map { .string($0.iso8601) })])
                return
            }
            // One write for the whole list: a year of five-minute ticks is 100,000 lines.
            if !ticks.isEmpty { Console.out(ticks.map(\.iso8601).joined(separator: "\n")) }
        }
    }
}
