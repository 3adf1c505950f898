import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Schedule {
    /// `arco schedule start`.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Turn a schedule on; ticks from before now never run.",
            discussion: """
                Records the schedule as running; from then on this wins over status: in arco.yaml. \
                The next `schedule tick` is its starting point. --json prints {"schedule", "status", \
                "changed"}.
                """
        )

        @Argument(help: ArgumentHelp("The schedule.", valueName: "schedule"), completion: CompletionCandidates.schedules)
        var name: String

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try ScheduleToggle.run(name, to: .running, global: global, json: output.json)
        }
    }

    /// `arco schedule stop`.
    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Turn a schedule off; `schedule tick` leaves it alone.",
            discussion: """
                Records the schedule as stopped; from then on this wins over status: in arco.yaml. \
                Runs already requested are not canceled. --json prints {"schedule", "status", \
                "changed"}.
                """
        )

        @Argument(help: ArgumentHelp("The schedule.", valueName: "schedule"), completion: CompletionCandidates.schedules)
        var name: String

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try ScheduleToggle.run(name, to: .stopped, global: global, json: output.json)
        }
    }
}

/// What start and stop share.
enum ScheduleToggle {
    static func run(_ name: String, to status: AutomationStatus, global: GlobalOptions, json: Bool) throws {
        let context = try CommandContext(global, json: json)
        let change = try context.engine.setScheduleStatus(name, to: status)
        AutomationToggleText.render(
            noun: "schedule", name: change.schedule, status: change.status, changed: change.changed, json: json)
    }
}
