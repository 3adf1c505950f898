import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Schedule {
    /// `arco schedule list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List schedules with their status, last tick and next tick.",
            discussion: """
                The status is the file's `status:` until `schedule start|stop` records one. The next \
                tick is the first after --now (default: now) while running. --json prints \
                {"schedules": [{"name", "cron", "timezone", "status", "status_source", "last_tick", \
                "next_tick"}]}, last_tick being the tick object of docs/json.md with "run_status".
                """
        )

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let listings = try context.engine.scheduleList(now: time.instant)
            if output.json {
                JSONOutput.print(["schedules": .array(listings.map(ScheduleJSON.listing))])
                return
            }
            guard !listings.isEmpty else {
                Console.out("no schedules; declare one under `schedules:` in arco.yaml")
                return
            }
            let rows = listings.map { listing in
                [
                    listing.schedule.name.rawValue, listing.schedule.cronText, listing.schedule.timezone,
                    listing.status.rawValue,
                    listing.lastTick.map { "\($0.localText) \($0.status.rawValue)" } ?? "-",
                    listing.nextTick?.iso8601 ?? "-",
                ]
            }
            for line in RunText.table(["SCHEDULE", "CRON", "TIMEZONE", "STATUS", "LAST TICK", "NEXT TICK"], rows) {
                Console.out(line)
            }
        }
    }
}
