import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Sensor {
    /// `arco sensor start`.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Turn a sensor on.",
            discussion: """
                Records the sensor as running; from then on this wins over status: in arco.yaml. \
                --json prints {"sensor", "status", "changed"}.
                """
        )

        @Argument(help: ArgumentHelp("The sensor.", valueName: "sensor"), completion: CompletionCandidates.sensors)
        var name: String

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try SensorToggle.run(name, to: .running, global: global, json: output.json)
        }
    }

    /// `arco sensor stop`.
    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Turn a sensor off; `sensor eval` and `sensor push` leave it alone.",
            discussion: """
                Records the sensor as stopped; from then on this wins over status: in arco.yaml. Runs \
                already requested are not canceled. --json prints {"sensor", "status", "changed"}.
                """
        )

        @Argument(help: ArgumentHelp("The sensor.", valueName: "sensor"), completion: CompletionCandidates.sensors)
        var name: String

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try SensorToggle.run(name, to: .stopped, global: global, json: output.json)
        }
    }
}

/// What start and stop share.
enum SensorToggle {
    static func run(_ name: String, to status: AutomationStatus, global: GlobalOptions, json: Bool) throws {
        let context = try CommandContext(global, json: json)
        let change = try context.engine.setSensorStatus(name, to: status)
        AutomationToggleText.render(
            noun: "sensor", name: change.sensor, status: change.status, changed: change.changed, json: json)
    }
}
