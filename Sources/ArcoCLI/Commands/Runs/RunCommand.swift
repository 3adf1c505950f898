import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand {
    /// `arco run SELECTION…`.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Materialize the selected assets, once, in the foreground (or queued with --detach).",
            discussion: """
                SELECTION is Dagster's syntax: a name (raw_orders), legacy traversal (raw_orders+ is one level \
                down, +raw_orders one level up, raw_orders* everything down), or the new grammar \
                (key:raw_*, tag:team=data, group:ingest, key:a+ for all descendants, 2+key:a, and/or/not, \
                sinks(...), roots(...)). Downstream assets run only when the selection asks for them.

                Partitioned assets need --partition KEY or --partition-range FIRST...LAST. A key applies to \
                every selected asset that has it; a selected asset that does not (a weekly rollup of a daily \
                asset) runs the partitions its selected upstream steps map to.

                With --run-key, a repeated request (same selection, partitions and tags, in any order) returns \
                the existing run and exits 0; a different request under the same key exits 65 and is recorded \
                as a conflict. Steps get partition keys only through ARCO_* environment variables.

                Exit status: 0 when the run succeeded, 1 when it failed or was canceled. --json prints the run \
                object of docs/json.md ("existing": true when the run key already named it).
                """
        )

        @Argument(help: ArgumentHelp("Assets to run (pieces are united).", valueName: "selection"), completion: CompletionCandidates.assets)
        var selection: [String]

        @Option(help: ArgumentHelp("Run this partition of the selected partitioned assets.", valueName: "key"), completion: CompletionCandidates.partitionKeys)
        var partition: String?

        @Option(help: ArgumentHelp("Run every partition from FIRST to LAST inclusive.", valueName: "first...last"))
        var partitionRange: String?

        @OptionGroup var execution: RunExecutionOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if partition != nil && partitionRange != nil {
                throw ValidationError("give --partition or --partition-range, not both")
            }
            if let partitionRange, PartitionRequest.parseRange(partitionRange) == nil {
                throw ValidationError("--partition-range '\(partitionRange)' must be FIRST...LAST")
            }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let request = partition.map(PartitionRequest.key) ?? partitionRange.flatMap(PartitionRequest.parseRange) ?? .none
            let options = RunRequestOptions(
                selection: selection, partitions: request, runKey: execution.runKey, tags: try execution.parsedTags(),
                detached: execution.detach)
            let reservation = try context.engine.requestRun(options)
            try await RunArguments.drive(reservation, context: context, options: execution)
        }
    }
}

/// The options `run` and `rerun` share: the run key, tags, and how the run executes.
struct RunExecutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Exactly-once key (one line, at most 512 bytes): a repeat returns the existing run.", valueName: "key"))
    var runKey: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A run tag (repeatable).", valueName: "k=v"))
    var tags: [String] = []

    @OptionGroup var steps: StepConcurrencyOption

    /// Steps at once, as given (nil: the number of cores).
    var maxConcurrency: Int? { steps.value }

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Output lines shown under each failed step (0: none).", valueName: "n"))
    var failureLines = RunProgressDisplay.failureLinesDefault

    @Flag(help: "Queue the run for a background worker and print its id at once.")
    var detach = false

    @Flag(help: "With an existing run key, wait for that run to end.")
    var wait = false

    func validate() throws {
        if failureLines < 0 { throw ValidationError("--failure-lines must be 0 or more") }
        _ = try parsedTags()
    }

    func parsedTags() throws -> [String: String] {
        var parsed = [String: String]()
        for pair in tags {
            guard let equal = pair.firstIndex(of: "="), equal != pair.startIndex else {
                throw ValidationError("--tag '\(pair)' must be KEY=VALUE")
            }
            parsed[String(pair[..<equal])] = String(pair[pair.index(after: equal)...])
        }
        return parsed
    }
}

/// What `run` and `rerun` share after the request: `Engine.driveRun` executes, detaches or
/// waits; this renders its events and outcome and chooses the exit code.
enum RunArguments {
    static func drive(_ reservation: RunReservation, context: CommandContext, options: RunExecutionOptions) async throws {
        let json = context.json
        if !json { for note in reservation.skipped { Console.err("note: \(note)") } }
        let display = RunProgressSession(terminal: context.terminal, silent: json, failureLines: options.failureLines)
        let outcome = try await context.engine.driveRun(
            reservation, detach: options.detach, wait: options.wait,
            options: ExecutionOptions(maxConcurrency: options.maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount)
        ) { event in
            switch event {
            case .existingRun(let runID):
                if !json { Console.err("run key already names run \(runID); not starting another") }
            case .executing:
                display.begin()
            case .step(let progress):
                display.show(progress)
            case .executed:
                display.end()
            case .queued, .waiting:
                break
            }
        }
        let run = outcome.run
        if json {
            guard case .object(var object) = RunJSON.run(run, steps: outcome.steps) else { return }
            if outcome.existing { object["existing"] = .bool(true) }
            if !reservation.skipped.isEmpty { object["skipped"] = .array(reservation.skipped.map(JSONValue.string)) }
            JSONOutput.print(.object(object))
        } else if outcome.ended {
            RunProgressDisplay.summary(run, steps: outcome.steps, terminal: context.terminal)
            if let line = InterruptText.run(run, steps: outcome.steps) { Console.err(line) }
        } else {
            Console.out(run.runID.rawValue)
        }
        if outcome.ended && run.status != .success { throw CommandFailure(status: .failure) }
    }
}
