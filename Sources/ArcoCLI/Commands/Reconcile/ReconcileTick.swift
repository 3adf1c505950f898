import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Reconcile {
    /// `arco reconcile tick`.
    struct Tick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tick",
            abstract: "Evaluate the automation: conditions once and queue the runs they ask for.",
            discussion: """
                eager requests partitions never materialized or whose upstream data changed, once \
                nothing they read is missing or stale; on_missing requests each missing partition \
                once; on_cron("…") requests the latest partition once per tick, after everything it \
                reads was materialized since the tick. Time-partitioned assets are looked at in their \
                latest window only; `enabled: false` turns an asset off. Runs are queued for worker \
                processes under automation: run keys, so a repeated tick requests nothing twice. \
                Each evaluation is recorded as an AutomationEvaluated event (`arco events --type \
                AutomationEvaluated`). --json prints {"evaluated_at", "results": [{"asset", \
                "condition", "requested": [{"partition", "run_key", "run_id"}], "skip_reason"}], \
                "deferred", "dry_run"}.
                """
        )

        @Flag(help: "Evaluate and print; request and record nothing.")
        var dryRun = false

        @Option(parsing: .unconditional, help: ArgumentHelp("Request at most this many runs in this evaluation (default 25).", valueName: "n"))
        var maxRuns: Int = Limits.automationRunsPerTick

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if maxRuns < 0 { throw ValidationError("--max-runs must be 0 or more") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let tick = try context.engine.automationTick(now: time.instant, dryRun: dryRun, maxRuns: maxRuns)
            if output.json {
                guard case .object(var object) = tick.evaluation.payloadJSON() else { return }
                object["deferred"] = .int(Int64(tick.deferred))
                object["dry_run"] = .bool(dryRun)
                JSONOutput.print(.object(object))
                return
            }
            let results = tick.evaluation.results
            guard !results.isEmpty else {
                Console.out("no automation: conditions in arco.yaml")
                return
            }
            let rows = results.map { result in
                [
                    result.asset, result.condition,
                    result.requested.isEmpty ? "-" : result.requested.map { $0.partition ?? "(unpartitioned)" }.joined(separator: ", "),
                    result.skipReason ?? "-",
                ]
            }
            for line in RunText.table(["ASSET", "CONDITION", dryRun ? "WOULD REQUEST" : "REQUESTED", "NOTE"], rows) {
                Console.out(line)
            }
            let count = results.reduce(0) { $0 + $1.requested.count }
            Console.out(dryRun ? "\(Plural.count(count, "run")) would be requested (dry run)" : "\(Plural.count(count, "run")) requested")
        }
    }
}
