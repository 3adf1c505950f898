import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand {
    /// `arco cancel RUN_ID`.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a run: pending steps never start, running ones are stopped (TERM, then KILL).",
            discussion: """
                Idempotent: canceling a run twice, or a run that already ended, changes nothing and exits 0. \
                A run executing elsewhere stops within about a second. --json prints the run object.
                """
        )

        @Argument(help: ArgumentHelp("The run to cancel (its id or a unique prefix of it).", valueName: "run-id"), completion: CompletionCandidates.runIDs)
        var runID: String?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let (run, alreadyEnded) = try context.engine.cancelRun(
                MissingID.run(runID, context.engine, command: "arco cancel", statuses: [.queued, .starting, .started]))
            if output.json {
                JSONOutput.print(RunJSON.run(run, steps: nil))
            } else if !alreadyEnded {
                Console.out("run \(run.runID) \(RunText.coloured(run.status.rawValue, context.terminal)): cancel requested")
            } else {
                Console.out("run \(run.runID) already ended \(RunText.coloured(run.status.rawValue, context.terminal))")
            }
        }
    }
}
