import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Reconcile {
    /// `arco reconcile plan`.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the runs that would clear the selection's staleness, in order; records nothing.",
            discussion: """
                --json prints {"runs": [{"run_key", "assets", "partition", "targets": [row…]}]}, \
                a target being a row of `staleness report` and partition a key, null or a range \
                first...last (docs/json.md).
                """
        )

        @Option(name: .customLong("select"), help: ArgumentHelp("Only these assets (`arco run`'s selection syntax).", valueName: "selection"), completion: CompletionCandidates.assets)
        var selection: String?

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let plan = try context.engine.reconcilePlan(selection: selection, now: time.instant)
            if output.json {
                ReconcileText.stream(plan)
                return
            }
            ReconcileText.print(plan)
        }
    }
}
