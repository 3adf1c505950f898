import ArcoCore
import ArgumentParser

extension ArcoCommand {
    /// `arco schedule tick|start|stop|list|preview|history`.
    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Run schedules from system cron, turn them on and off, and see their ticks.",
            discussion: """
                A schedule is a cron (or a list of crons, fired on the union of their ticks) in an \
                IANA time zone, with Dagster's daylight-saving rules. `arco schedule tick` evaluates \
                the ticks due since the last evaluation and requests each tick's run once, under the \
                run key sched:{schedule}:{epoch}; run it every minute from cron or a systemd timer \
                (docs/schedules.md). A schedule's first evaluation, and the first after `schedule \
                start` or after its cron or zone changed, is its starting point: earlier ticks never \
                run.
                """,
            subcommands: [Tick.self, Start.self, Stop.self, List.self, Preview.self, History.self]
        )
    }
}

/// `--now` for schedule commands: the instant must name its offset (`Z` or `±HH:MM`), since a
/// bare local time would silently mean UTC where the operator may mean the schedule's zone.
struct ScheduleNowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluate as of this instant (ISO 8601 with Z or an offset).", valueName: "iso"))
    var now: String?

    func validate() throws { _ = try ScheduleInstant.parse(now, option: "--now") }

    /// The parsed instant, if given.
    var instant: Timestamp? { now.flatMap { Timestamp(instant: $0) } }
}

/// Parses the instants schedule commands take.
enum ScheduleInstant {
    static func parse(_ text: String?, option: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let instant = Timestamp(instant: text) else {
            throw ValidationError("\(option) '\(text)' is not an ISO 8601 instant with Z or an offset, e.g. 2024-01-01T00:00:00Z")
        }
        return instant
    }
}
