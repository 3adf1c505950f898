import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand {
    /// `arco status [RUN_ID]`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "List recent runs, or show one run's steps.",
            discussion: """
                Without a run id: the 20 most recent runs (or --limit), newest first, with id, status, \
                selection, partitions, trigger, run key, start and duration. With one: its step table (step, \
                status, attempt, start, duration, exit code, error). Runs whose worker process died are marked \
                FAILURE first. --json prints {"runs": [run…]} or one run object with "steps" (docs/json.md).
                """
        )

        @Argument(help: ArgumentHelp("A run to show in detail (its id or a unique prefix of it).", valueName: "run-id"), completion: CompletionCandidates.runIDs)
        var runID: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("How many runs to list.", valueName: "n"))
        var limit = 20

        @Option(name: .customLong("status"), help: ArgumentHelp("Only runs with this status (repeatable).", valueName: "status"))
        var statuses: [String] = []

        @Flag(help: "Redraw every second until the run ends (or until interrupted, for the list).")
        var watch = false

        @Flag(help: "With a run: its steps as a timeline (start, duration, retries, failures).")
        var timeline = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
            for status in statuses { _ = try StatusFilter.run(status) }
            if timeline && runID == nil { throw ValidationError("--timeline needs a run: `arco status RUN --timeline`") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            while true {
                let ended = try render(context)
                if !watch || ended { return }
                try await Task.sleep(for: .seconds(1))
            }
        }

        /// Prints once. - Returns: whether a watched run has ended.
        private func render(_ context: CommandContext) throws -> Bool {
            if watch && context.terminal.stdoutIsTTY { Console.outRaw("\u{1B}[H\u{1B}[2J") }
            if let runID {
                let (run, steps) = try context.engine.runDetail(context.engine.resolveRunID(runID))
                if output.json {
                    JSONOutput.print(RunJSON.run(run, steps: steps))
                } else if timeline {
                    let lines = RunTimelineText.lines(
                        run, steps: steps, width: HealthBarText.width() + 4, now: context.engine.environment.clock.now(),
                        context.terminal)
                    Console.out(lines.joined(separator: "\n"))
                } else {
                    Self.printRun(run, steps: steps, context.terminal)
                }
                return run.status.isTerminal
            }
            let runs = try context.engine.recentRuns(
                limit: limit, statuses: statuses.map(StatusFilter.run))
            if output.json {
                JSONOutput.print(["runs": .array(runs.map { RunJSON.run($0, steps: nil) })])
            } else if runs.isEmpty {
                Console.out("no runs yet; start one with `arco run ASSET`")
            } else {
                let rows = runs.map { run in
                    [
                        run.runID.rawValue, run.status.rawValue, run.selection, run.partitions ?? "-",
                        run.trigger.kind.rawValue, run.runKey?.rawValue ?? "-", run.startedAt?.iso8601 ?? "-",
                        run.status.isTerminal ? RunText.duration(from: run.startedAt, to: run.finishedAt) : "-",
                    ]
                }
                let lines = RunText.table(
                    ["RUN", "STATUS", "SELECTION", "PARTITIONS", "TRIGGER", "RUN KEY", "STARTED", "DURATION"], rows
                ) { column, cell in column == 1 ? RunText.coloured(cell.trimmingCharacters(in: .whitespaces), context.terminal) + String(repeating: " ", count: cell.count - cell.trimmingCharacters(in: .whitespaces).count) : cell }
                Console.out(lines.joined(separator: "\n"))
            }
            return false
        }

        static func printRun(_ run: RunRow, steps: [StepRow], _ terminal: Terminal) {
            var head = "run \(run.runID)  \(RunText.coloured(run.status.rawValue, terminal))  \(run.selection)"
            if let partitions = run.partitions { head += "  --partition \(partitions)" }
            if let key = run.runKey { head += "  run key \(PrintableText.escapingControlCharacters(key.rawValue))" }
            if let parent = run.parentRunID { head += "  parent \(parent)" }
            var lines = [head]
            if let reason = run.reason, run.status != .success { lines.append("  \(reason)") }
            let rows = steps.map { step in
                [
                    step.stepKey.rawValue, step.status.rawValue, String(step.attempt), step.startedAt?.iso8601 ?? "-",
                    RunText.duration(from: step.startedAt, to: step.finishedAt), step.exitCode.map(String.init) ?? "-",
                    step.status == .success ? "" : StepFailureTail.split(step.reason ?? "").cause,
                ]
            }
            lines += RunText.table(["STEP", "STATUS", "ATTEMPT", "STARTED", "DURATION", "EXIT", "ERROR"], rows)
            // What each failed step printed last, under the table: the table keeps one line a step.
            for step in steps where step.status == .failure {
                let output = StepFailureTail.split(step.reason ?? "").output
                guard !output.isEmpty else { continue }
                lines.append("")
                lines.append("\(step.stepKey) (attempt \(step.attempt)) ended with:")
                lines += output.map { "    \($0)" }
                lines.append("hint: the whole log: `arco logs \(run.runID) --step \(InterruptText.shellWord(step.stepKey.rawValue))`")
            }
            Console.out(lines.joined(separator: "\n"))
        }
    }
}
