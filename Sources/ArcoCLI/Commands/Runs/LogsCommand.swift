import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand {
    /// `arco logs RUN_ID`.
    struct Logs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logs",
            abstract: "Print the output of a run's steps (stdout and stderr together, per attempt).",
            discussion: """
                Logs live in .arco/logs/{run}/{step}/attempt-{n}.log, with run and step names reduced to a safe \
                alphabet. Text output puts a "==> step (attempt n) <==" header before each file. --follow keeps \
                printing new output until the run ends. Logs of any size are printed in bounded memory; each \
                attempt's log keeps at most the asset's log_max (default 100MiB): its start, a line saying how many \
                bytes were cut, and its end. --json prints JSON Lines: {"step_key", "attempt", "line"}.
                """
        )

        @Argument(help: ArgumentHelp("The run (its id or a unique prefix of it).", valueName: "run-id"), completion: CompletionCandidates.runIDs)
        var runID: String?

        @Option(help: ArgumentHelp("Only this step (a step key or an asset name).", valueName: "step"))
        var step: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Only this attempt.", valueName: "n"))
        var attempt: Int64?

        @Flag(help: "Keep printing new output until the run ends.")
        var follow = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            var lastHeader: String?
            let id = try runID.map(context.engine.resolveRunID) ?? MissingID.latestRun(context.engine)
            if runID == nil && !output.json { Console.err("logs of the latest run, \(id)") }
            try await context.engine.streamLogs(id, step: step, attempt: attempt, follow: follow) { file, bytes in
                if output.json {
                    Self.printLines(bytes, of: file)
                    return
                }
                let header = "==> \(file.stepKey) (attempt \(file.attempt)) <=="
                if header != lastHeader { Console.out(context.terminal.bold(header)) }
                lastHeader = header
                // The bytes as the step wrote them, not re-encoded; a last line without its
                // newline gets one, so the next header starts a line.
                Console.outRaw(bytes: bytes)
                if bytes.last != 0x0A { Console.outRaw("\n") }
            }
        }

        /// One JSON Lines object per line of a chunk (chunks hold whole lines).
        static func printLines(_ bytes: [UInt8], of file: StepLogFile) {
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            if bytes.last == 0x0A { lines.removeLast() }
            for line in lines {
                JSONOutput.print([
                    "step_key": .string(file.stepKey.rawValue), "attempt": .int(file.attempt),
                    "line": .string(String(decoding: line, as: UTF8.self)),
                ])
            }
        }
    }
}
