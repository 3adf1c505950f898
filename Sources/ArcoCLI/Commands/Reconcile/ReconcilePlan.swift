import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Reconcile {
    /// `arco reconcile plan`.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Print the runs that would clear the selection's staleness, in order; records nothing.",
            discussion: """
                --from/--to narrow the plan to runs with a target in that partition window, and \
                --only stale|missing to runs for those rows; the runs they read stay in, first. A \
                plan longer than --limit runs (default 50) prints a summary per asset and the \
                first runs. --json prints every run: {"runs": [{"run_key", "assets", "partition", \
                "targets": [row…]}]}, a target being a row of `staleness report` and partition a \
                key, null or a range first...last (docs/json.md).
                """
        )

        @OptionGroup var scope: ReconcileScopeOptions

        @Option(parsing: .unconditional, help: ArgumentHelp("Runs listed in text before the rest is summarised.", valueName: "n"))
        var limit = 50

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let plan = try context.engine.reconcilePlan(
                selection: scope.selection, window: scope.window.window, only: scope.onlyKind, now: time.instant)
            if output.json {
                ReconcileText.stream(plan)
                return
            }
            ReconcileText.print(plan, limit: limit)
        }
    }
}
