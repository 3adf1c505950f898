import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand.Reconcile {
    /// `arco reconcile run`.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Request the planned runs, under their run keys, and execute them in order.",
            discussion: """
                A run starts once every planned run it reads has succeeded, so upstream strata go \
                first; --max-concurrent-runs N runs up to N independent ones side by side. A run \
                that fails or is canceled blocks only the runs that read it; the others go on, and \
                the summary names the failures (the next `reconcile run` plans their targets again). \
                A run key that already names a run is not run again (one still queued or running is \
                waited for). --detach runs the same in a background process (log: \
                .arco/logs/workers/reconcile.log). --json prints {"runs": [{"run_key", "run_id", \
                "existing", "status"}], "not_started": n, "blocked": n}, or {"detached", "pid", \
                "planned"}. Exit 0 when every run succeeded, 1 when one failed or was canceled.
                """
        )

        @OptionGroup var scope: ReconcileScopeOptions

        @Flag(help: "Print the plan and record nothing.")
        var dryRun = false

        @Option(parsing: .unconditional, help: ArgumentHelp("Request at most this many runs now; the rest wait for the next call.", valueName: "n"))
        var maxRuns: Int?

        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("Runs executed at once; a run starts once every run it reads succeeded.", valueName: "n"))
        var maxConcurrentRuns = 1

        @Flag(help: "Run the plan in a background process and return.")
        var detach = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let maxRuns, maxRuns < 1 { throw ValidationError("--max-runs must be at least 1") }
            if maxConcurrentRuns < 1 { throw ValidationError("--max-concurrent-runs must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let engine = context.engine
            let plan = try engine.reconcilePlan(selection: scope.selection, window: scope.window.window, only: scope.onlyKind)
            if dryRun {
                if output.json { ReconcileText.stream(plan) } else { ReconcileText.print(plan) }
                return
            }
            if detach {
                // One background process runs the plan in order; queuing every run for its own
                // worker would let a downstream run read what its upstream run has not yet written.
                var arguments = ["reconcile", "run", "--workspace", engine.workspace.root]
                if let selection = scope.selection { arguments += ["--select", selection] }
                if let from = scope.window.from { arguments += ["--from", from] }
                if let to = scope.window.to { arguments += ["--to", to] }
                if let only = scope.only { arguments += ["--only", only] }
                if let maxRuns { arguments += ["--max-runs", String(maxRuns)] }
                arguments += ["--max-concurrent-runs", String(maxConcurrentRuns)]
                let pid = try engine.spawnDetached(
                    arguments, logName: "reconcile", what: "a background `arco reconcile run`",
                    hint: "run it in the foreground: `arco reconcile run`")
                if output.json {
                    JSONOutput.print(["detached": true, "pid": .int(Int64(pid)), "planned": .int(Int64(plan.count))])
                } else {
                    Console.out("reconciling \(Plural.count(plan.count, "planned run")) in the background (pid \(pid)); log: .arco/logs/workers/reconcile.log")
                }
                return
            }
            if plan.isEmpty && !output.json { Console.out("nothing to reconcile") }
            let outcome = try await engine.reconcileRun(
                plan: plan, maxRuns: maxRuns, maxConcurrentRuns: maxConcurrentRuns,
                options: ExecutionOptions(maxConcurrency: ProcessInfo.processInfo.activeProcessorCount),
                progress: Self.renderer(context, parallel: maxConcurrentRuns > 1))
            if output.json {
                let results: [JSONValue] = outcome.results.map { result in
                    [
                        "run_key": .string(result.runKey), "run_id": .string(result.run.runID.rawValue),
                        "existing": .bool(result.existing), "status": .string(result.run.status.rawValue),
                    ]
                }
                JSONOutput.print([
                    "runs": .array(results), "not_started": .int(Int64(outcome.notStarted)),
                    "blocked": .int(Int64(outcome.blocked.count)),
                ])
            } else {
                ReconcileText.summary(outcome)
            }
            if outcome.failed { throw CommandFailure(status: .failure) }
        }

        /// Prints each run's progress as it goes; under --json, nothing (stdout is one document).
        /// Runs side by side share stdout, so then each step line names its run instead of a
        /// run's display owning the screen.
        static func renderer(_ context: CommandContext, parallel: Bool) -> @Sendable (ReconcileRunEvent) -> Void {
            let json = context.json
            let display = RunProgressSession(terminal: context.terminal, silent: json || parallel)
            return { event in
                guard !json else { return }
                switch event {
                case .executing(let runID, let label, let number, let total):
                    Console.out("[\(number)/\(total)] run \(runID.rawValue): \(label)")
                    display.begin()
                case .step(let runID, .stepEnded(let step, _, let status, let seconds, let reason)) where parallel:
                    Console.out("  \(runID) \(status.rawValue) \(step.stepKey) \(RunText.duration(seconds))"
                        + (reason.map { " " + StepFailureTail.oneLine($0) } ?? ""))
                case .step(_, let progress):
                    display.show(progress)
                case .executed:
                    display.end()
                case .waitingForExisting(let runKey, let run):
                    Console.out("run key \(runKey) already names run \(run.runID.rawValue) (\(run.status.rawValue)); waiting for it")
                case .existingEnded(let runKey, let run):
                    Console.out("run key \(runKey) already names run \(run.runID.rawValue) (\(run.status.rawValue)); not running it again")
                case .ended:
                    break
                }
            }
        }
    }
}
