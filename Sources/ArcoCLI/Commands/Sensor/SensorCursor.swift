import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Sensor {
    /// `arco sensor cursor`.
    struct Cursor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cursor",
            abstract: "Show a sensor's cursor, or set or reset it.",
            discussion: """
                Setting or resetting records the change in the ledger, so it shows in `arco events`; \
                an evaluation that read the old cursor is then SKIPPED_STALE_CURSOR. An asset \
                sensor's position in the ledger is separate and never changed here. --json prints \
                {"sensor", "cursor", "state_version"}.
                """
        )

        @Argument(help: ArgumentHelp("The sensor.", valueName: "sensor"), completion: CompletionCandidates.sensors)
        var name: String

        @Option(help: ArgumentHelp("Set the cursor to this value.", valueName: "value"))
        var set: String?

        @Flag(help: "Clear the cursor (the next evaluation starts from none).")
        var reset = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if set != nil, reset { throw ValidationError("--set and --reset cannot be used together") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let view = try context.engine.sensorCursor(name, set: set, reset: reset)
            if output.json {
                JSONOutput.print(SensorJSON.cursor(view))
            } else {
                Console.out("\(view.sensor): cursor \(SensorText.cursor(view.cursor)) (state version \(view.stateVersion))")
            }
        }
    }
}
