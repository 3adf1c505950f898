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
                printing new output until the run ends. --json prints JSON Lines: {"step_key", "attempt", "line"}.
                """
        )

        @Argument(help: ArgumentHelp("The run.", valueName: "run-id"))
        var runID: String

        @Option(help: ArgumentHelp("Only this step (a step key or an asset name).", valueName: "step"))
        var step: String?

        @Option(help: ArgumentHelp("Only this attempt.", valueName: "n"))
        var attempt: Int64?

        @Flag(help: "Keep printing new output until the run ends.")
        var follow = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let engine = context.engine
            var offsets = [String: UInt64]()
            var partial = [String: String]()
            var lastHeader: String?
            while true {
                // Read the run's state before the files, so nothing written before it ended is missed.
                let ended = try engine.runDetail(RunID(runID)).0.status.isTerminal
                for file in try engine.logFiles(RunID(runID), step: step, attempt: attempt) {
                    guard let chunk = Self.read(file.path, from: offsets[file.path] ?? 0) else { continue }
                    offsets[file.path, default: 0] += UInt64(chunk.count)
                    var text = (partial[file.path] ?? "") + String(decoding: chunk, as: UTF8.self)
                    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    // A line still being written waits for its newline (unless the run is over).
                    text = lines.removeLast()
                    if ended && !text.isEmpty { lines.append(text); text = "" }
                    partial[file.path] = text
                    guard !lines.isEmpty else { continue }
                    if output.json {
                        for line in lines {
                            JSONOutput.print([
                                "step_key": .string(file.stepKey.rawValue), "attempt": .int(file.attempt), "line": .string(line),
                            ])
                        }
                    } else {
                        let header = "==> \(file.stepKey) (attempt \(file.attempt)) <=="
                        if header != lastHeader { Console.out(context.terminal.bold(header)) }
                        lastHeader = header
                        Console.out(lines.joined(separator: "\n"))
                    }
                }
                if !follow || ended { return }
                try await Task.sleep(for: .milliseconds(200))
            }
        }

        /// The bytes of a file from an offset, or nil when there are none (or no file yet).
        static func read(_ path: String, from offset: UInt64) -> [UInt8]? {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty else {
                return nil
            }
            return [UInt8](data)
        }
    }
}
