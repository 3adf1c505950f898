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

        @Argument(help: ArgumentHelp("The parent run (its id or a unique prefix of it).", valueName: "run-id"), completion: CompletionCandidates.runIDs)
        var runID: String?

        @Flag(help: "Re-execute the steps that did not succeed.")
        var fromFailure = false

        @Option(help: ArgumentHelp("Re-execute these steps (comma-separated).", valueName: "steps"))
        var steps: String?

        @OptionGroup var execution: RunExecutionOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard fromFailure != (steps != nil) else { throw ValidationError("give exactly one of --from-failure or --steps") }
            if let steps, steps.split(separator: ",").isEmpty { throw ValidationError("--steps needs at least one step") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let kind: RerunPlanner.Kind = fromFailure
                ? .fromFailure : .steps((steps ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
            let reservation = try context.engine.requestRerun(
                of: MissingID.run(runID, context.engine, command: "arco rerun", statuses: [.failure, .canceled]), kind: kind, runKey: execution.runKey, tags: try execution.parsedTags(),
                detached: execution.detach)
            try await RunArguments.drive(reservation, context: context, options: execution)
        }
    }
}
