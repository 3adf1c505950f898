import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Sensor {
    /// `arco sensor history`.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show a sensor's evaluations, newest first.",
            discussion: """
                Each evaluation with its cursor before and after, run keys and run ids, and reason. \
                --json prints {"evaluations": [evaluation…]} with the evaluation object of \
                docs/json.md.
                """
        )

        @Argument(help: ArgumentHelp("The sensor.", valueName: "sensor"), completion: CompletionCandidates.sensors)
        var name: String

        @Option(help: ArgumentHelp(
            "Only evaluations with this status (TRIGGERED, NO_NEW_DATA, SKIPPED, SKIPPED_STALE_CURSOR, ERROR).",
            valueName: "status"))
        var status: String?

        @Option(help: ArgumentHelp("At most this many evaluations.", valueName: "n"))
        var limit: Int?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let status, SensorEvalStatus(rawValue: status.uppercased()) == nil {
                throw ValidationError(
                    "--status '\(status)' is not one of \(SensorEvalStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let evaluations = try context.engine.sensorHistory(
                name, status: status.flatMap { SensorEvalStatus(rawValue: $0.uppercased()) }, limit: limit)
            if output.json {
                JSONOutput.print(["evaluations": .array(evaluations.map { SensorJSON.evaluation($0) })])
                return
            }
            if evaluations.isEmpty {
                let kind = status.map { "\($0.uppercased()) evaluations" } ?? "evaluations"
                Console.out("no \(kind) recorded for '\(name)'")
            }
            for outcome in evaluations {
                Console.out("\(outcome.evaluatedAt?.iso8601 ?? "-") " + SensorText.line(outcome))
            }
        }
    }
}
