import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand {
    /// `arco rerun RUN_ID`.
    struct Rerun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rerun",
            abstract: "Run again the steps of an earlier run that did not succeed, or a chosen subset.",
            discussion: """
                --from-failure needs a FAILURE run and re-executes exactly its steps that did not succeed. \
                --steps takes step keys or asset names of the parent's plan, comma-separated; a leading + adds \
                their upstream steps in that plan, a trailing + their downstream steps. The new run records \
                parent_run_id and root_run_id. Without --run-key the key is rerun:{parent}:{kind}:{hash}, so \
                repeating the command returns the same run. Executes like `arco run`: foreground by default, \
                --detach, --json, exit 0 on success and 1 on failure.
                """
        )

        @Argument(help: ArgumentHelp("The parent run.", valueName: "run-id"))
        var runID: String

        @Flag(help: "Re-execute the steps that did not succeed.")
        var fromFailure = false

        @Option(help: ArgumentHelp("Re-execute these steps (comma-separated).", valueName: "steps"))
        var steps: String?

        @Option(help: ArgumentHelp("Exactly-once key for the rerun.", valueName: "key"))
        var runKey: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A run tag (repeatable).", valueName: "k=v"))
        var tags: [String] = []

        @Option(help: ArgumentHelp("Steps running at once (default: the number of cores).", valueName: "n"))
        var maxConcurrency: Int?

        @Flag(help: "Queue the rerun for a background worker and print its id at once.")
        var detach = false

        @Flag(help: "With an existing run key, wait for that run to end.")
        var wait = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard fromFailure != (steps != nil) else { throw ValidationError("give exactly one of --from-failure or --steps") }
            if let steps, steps.split(separator: ",").isEmpty { throw ValidationError("--steps needs at least one step") }
            _ = try RunArguments.tags(tags)
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let kind: RerunPlanner.Kind = fromFailure
                ? .fromFailure : .steps((steps ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            let reservation = try context.engine.requestRerun(
                of: RunID(runID), kind: kind, runKey: runKey, tags: try RunArguments.tags(tags), detached: detach)
            try await RunArguments.drive(reservation, context: context, detach: detach, wait: wait, maxConcurrency: maxConcurrency)
        }
    }
}
