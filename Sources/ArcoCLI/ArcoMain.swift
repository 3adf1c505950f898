import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

/// The process entry: parse, run, and turn every outcome into one exit code.
///
/// Operator errors print `error:` and `hint:` lines (or a JSON object under `--json`) and exit
/// with their status; argument-parser's own errors keep its rendering; anything else is a bug.
public enum ArcoMain {
    /// Runs `arco` with the process's own arguments, refusing any that is not valid UTF-8
    /// (exit 65) before Swift's lenient decoding could turn it into another argument.
    public static func runProcess() async -> Int32 {
        if let error = RawArguments.invalidUTF8Error(RawArguments.process()) {
            report(error, json: CommandLine.arguments.contains("--json"))
            return error.status.rawValue
        }
        return await run()
    }

    /// Runs `arco` with the process's arguments and returns the exit code.
    /// - Parameter embedded: the command runs inside `arco shell`: help and `--version` print
    ///   and return instead of ending the process.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst()), embedded: Bool = false) async -> Int32 {
        let wantsJSON = arguments.contains("--json")
        do {
            if arguments.count == 6, arguments == Engine.spawnedWorkerArguments(runID: RunID(arguments[3]), workspace: arguments[5]) {
                // A worker spawned for one run: skip building the parser (ADR 0010).
                try await ArcoCommand.Worker.work(
                    context: try CommandContext(workspace: arguments[5]), once: true, maxConcurrentRuns: 1,
                    maxConcurrency: nil, runID: arguments[3])
                return ExitStatus.ok.rawValue
            }
            let moved = GlobalArguments.movedAfterCommand(arguments)
            if moved == ["schedule", "tick"] || (moved.count == 4 && Array(moved.prefix(3)) == ["schedule", "tick", "--workspace"]) {
                // The line cron runs every minute, forever: building the parser for every
                // command is a third of it (docs/benchmarks.md, issue 18).
                let context = try CommandContext(workspace: moved.count == 4 ? moved[3] : nil)
                try ArcoCommand.Schedule.Tick.perform(context: context, names: [], now: nil, launch: .launch)
                return ExitStatus.ok.rawValue
            }
            if !embedded, let line = SensorPushLine(moved) {
                // One process per delivered message: skip the parser here too.
                try ArcoCommand.Sensor.Push.perform(
                    context: try CommandContext(workspace: line.workspace, json: line.json), name: line.name,
                    messageID: line.messageID, payload: line.payload, noLaunch: line.noLaunch, json: line.json)
                return ExitStatus.ok.rawValue
            }
            var command = try ArcoCommand.parseAsRoot(moved)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.ok.rawValue
        } catch let error as OperatorError {
            report(error, json: wantsJSON)
            return error.status.rawValue
        } catch let error as CommandFailure {
            return error.code
        } catch {
            let code = ArcoCommand.exitCode(for: error)
            if code.rawValue == ExitStatus.usage.rawValue {
                // The house format: one `error:` line naming the problem, then where to look (one
                // JSON object on stderr under --json).
                let message = ArcoCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
                let words = CommandWords.resolve(GlobalArguments.movedAfterCommand(arguments))
                report(words.usageError(message: message.replacingOccurrences(of: "Error: ", with: "")), json: wantsJSON)
                return ExitStatus.usage.rawValue
            }
            if code == .success || isArgumentParserError(error) {
                if embedded {
                    let message = ArcoCommand.fullMessage(for: error)
                    if !message.isEmpty { code == .success ? Console.out(message) : Console.err(message) }
                    return code.rawValue
                }
                ArcoCommand.exit(withError: error)
            }
            let bug = OperatorError(
                .software, "internal error: \(error)",
                hint: "this is a bug in arco; please report it with the command you ran")
            report(bug, json: wantsJSON)
            return ExitStatus.software.rawValue
        }
    }

    private static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    static func report(_ error: OperatorError, json: Bool) {
        if json {
            Console.err(CanonicalJSON.encode(JSONOutput.error(error)))
            return
        }
        let terminalColour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let prefix = terminalColour ? "\u{1B}[31merror:\u{1B}[0m" : "error:"
        Console.err("\(prefix) \(error.message)")
        for detail in error.details { Console.err("  \(detail)") }
        if let cause = error.cause { Console.err("cause: \(cause)") }
        if let hint = error.hint { Console.err("hint: \(hint)") }
    }
}

/// Ends a command with a non-zero status after it has printed its own report (e.g. `doctor`
/// finding problems): nothing more is printed.
struct CommandFailure: Error {
    /// The exit code: an `ExitStatus`, 128 + a signal for a command an interrupt ended, or a
    /// code passed on (`arco shell` ends a script with the failing command's own code).
    let code: Int32

    init(status: ExitStatus) { code = status.rawValue }

    init(code: Int32) { self.code = code }
}

/// Lets global options come before the command (`arco --workspace DIR events`), as the
/// architecture's synopsis shows, although argument-parser only accepts them on the leaf command.
enum GlobalArguments {
    static let optionsWithValue: Set<String> = ["--workspace", "--store"]

    /// Moves leading global options after the command words, where the leaf command parses them.
    static func movedAfterCommand(_ arguments: [String]) -> [String] {
        var leading = [String]()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if optionsWithValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if optionsWithValue.contains(where: { argument.hasPrefix($0 + "=") }) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        return Array(arguments[index...]) + leading
    }
}
