import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand.Reconcile {
    /// `arco reconcile run`.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request the planned runs, under their run keys, and execute them in order.",
            discussion: """
                Runs execute one after another in the foreground, upstream first; a failed run stops \
                the rest (the next `reconcile run` plans its targets again). A run key that already \
                names a run is not run again. --detach queues the runs for worker processes instead. \
                --json prints {"runs": [{"run_key", "run_id", "existing", "status"}], "not_started": n}. \
                Exit 0 when every run succeeded (or was queued), 1 when one failed.
                """
        )

        @Option(name: .customLong("select"), help: ArgumentHelp("Only these assets (`arco run`'s selection syntax).", valueName: "selection"))
        var selection: String?

        @Flag(help: "Print the plan and record nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Request at most this many runs now; the rest wait for the next call.", valueName: "n"))
        var maxRuns: Int?

        @Flag(help: "Queue the runs for worker processes and return.")
        var detach = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let maxRuns, maxRuns < 1 { throw ValidationError("--max-runs must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let engine = context.engine
            let plan = try engine.reconcilePlan(selection: selection)
            if dryRun {
                if output.json { ReconcileText.stream(plan) } else { ReconcileText.print(plan) }
                return
            }
            if plan.isEmpty && !output.json { Console.out("nothing to reconcile") }
            var results: [JSONValue] = []
            var failed = false
            let chosen = maxRuns.map { Array(plan.prefix($0)) } ?? plan
            var started = 0
            for planned in chosen {
                let reservation = try engine.requestRun(engine.reconcileRequest(planned, detached: detach))
                started += 1
                let label = planned.assets.map(\.rawValue).joined(separator: ", ") + (planned.partition.map { " [\($0)]" } ?? "")
                if reservation.shouldExecute && !detach {
                    if !output.json { Console.out("run \(reservation.runID.rawValue): \(label)") }
                    let display = RunProgressDisplay(terminal: context.terminal, silent: output.json)
                    _ = try await engine.executeRun(
                        reservation.runID, options: ExecutionOptions(maxConcurrency: ProcessInfo.processInfo.activeProcessorCount)
                    ) { display.show($0) }
                    display.finish()
                } else if detach && (!reservation.existing || reservation.shouldExecute) {
                    try engine.spawnWorker(for: reservation.runID)
                    if !output.json { Console.out("queued \(reservation.runID.rawValue): \(label)") }
                } else if !output.json {
                    Console.out("run key \(planned.runKey) already names run \(reservation.runID.rawValue); not starting another")
                }
                let (run, _) = try engine.runDetail(reservation.runID)
                results.append([
                    "run_key": .string(planned.runKey), "run_id": .string(run.runID.rawValue),
                    "existing": .bool(reservation.existing), "status": .string(run.status.rawValue),
                ])
                if !detach && (run.status == .failure || run.status == .canceled) {
                    failed = true
                    break
                }
            }
            let notStarted = plan.count - started
            if output.json {
                JSONOutput.print(["runs": .array(results), "not_started": .int(Int64(notStarted))])
            } else if notStarted > 0 {
                Console.out("\(notStarted) planned run(s) not started; `arco reconcile run` continues")
            }
            if failed { throw CommandFailure(status: .failure) }
        }
    }
}
