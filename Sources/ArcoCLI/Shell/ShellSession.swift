import ArcoCore
import ArcoEngine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One `arco shell`: reads lines (edited on a terminal, as a script otherwise) and runs each as
/// an arco command in this process, through the same entry as the binary (`ArcoMain.run`), so a
/// command costs no process start-up and behaves as it does from bash.
struct ShellSession {
    let engine: Engine
    /// Print how long each command took (hidden `--timing`, for docs/benchmarks.md).
    let timing: Bool

    static let prompt = "arco> "

    /// What one line asks for.
    enum Line: Equatable {
        /// Nothing to run: blank, or a `#` comment.
        case nothing
        /// `exit`, `quit`.
        case leave
        /// The arguments of an arco command.
        case command([String])
        /// The line cannot be split (an open quote); the message says why.
        case invalid(String)
    }

    /// Reads a line as the shell does: words split with shell quoting, a leading `arco` word
    /// allowed (a line pasted from the docs runs as it reads).
    static func parse(_ line: String) -> Line {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .nothing }
        var words: [String]
        do {
            words = try ShellWords.split(trimmed)
        } catch {
            return .invalid("\(error)")
        }
        if words.first == "arco" { words.removeFirst() }
        if words == ["exit"] || words == ["quit"] { return .leave }
        return words.isEmpty ? .nothing : .command(words)
    }

    /// Runs one command line and returns its exit code (nil when there was nothing to run).
    func execute(_ line: String) async -> Int32? {
        switch Self.parse(line) {
        case .nothing, .leave:
            return nil
        case .invalid(let reason):
            ArcoMain.report(OperatorError(.usage, "cannot read the line: \(reason)", hint: "close the quote, or quote the backslash"), json: false)
            return ExitStatus.usage.rawValue
        case .command(let words):
            if words.first == "shell" {
                ArcoMain.report(OperatorError(.usage, "already in arco shell", hint: "type a command, or `exit` to leave"), json: false)
                return ExitStatus.usage.rawValue
            }
            let clock = ContinuousClock()
            let started = clock.now
            let status = await ArcoMain.run(arguments: words, embedded: true)
            if timing {
                let elapsed = (clock.now - started) / .microseconds(1)
                Console.err("time: \(String(format: "%.2f", elapsed / 1000)) ms (\(words.joined(separator: " ")))")
            }
            return status
        }
    }

    /// Lines from a pipe or a file: each runs in turn; the first that fails ends the script
    /// with its exit code, as `sh -e` would. 0 at the end of the input.
    func runScript() async -> Int32 {
        while let line = Swift.readLine(strippingNewline: true) {
            if Self.parse(line) == .leave { return ExitStatus.ok.rawValue }
            if let status = await execute(line), status != ExitStatus.ok.rawValue { return status }
        }
        return ExitStatus.ok.rawValue
    }

    /// The interactive console: history from `.arco/shell_history`, TAB completion, Ctrl-C drops
    /// the line (or stops the command), Ctrl-D or `exit` leaves with 0.
    func runInteractive() async -> Int32 {
        let history = openHistory()
        LineEditor.start(history: history?.load() ?? [], completion: ShellCompleter(engine: engine).provider())
        while true {
            switch LineEditor.readLine(prompt: Self.prompt) {
            case .end:
                return ExitStatus.ok.rawValue
            case .interrupted:
                continue
            case .line(let typed):
                let line = typed.trimmingCharacters(in: .whitespaces)
                if Self.parse(line) == .nothing { continue }
                LineEditor.remember(line)
                history?.append(line)
                if Self.parse(line) == .leave { return ExitStatus.ok.rawValue }
                _ = await execute(line)
            }
        }
    }

    /// The history file, or nil (with a warning) when it cannot be opened: the shell still works.
    private func openHistory() -> ShellHistory? {
        do {
            return ShellHistory(descriptor: try engine.openShellHistory())
        } catch let error as OperatorError {
            Console.err("warning: history is not kept: \(error.message)")
        } catch {
            Console.err("warning: history is not kept: \(error)")
        }
        return nil
    }
}
