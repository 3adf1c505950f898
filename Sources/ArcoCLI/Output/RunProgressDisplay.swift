import ArcoCore
import ArcoEngine
import Foundation

/// Shows a run as it executes. Every step transition is one line on stdout (a log a script can
/// keep); on a TTY a footer on stderr is redrawn with what is running and for how long. Silent
/// under `--json`, whose stdout is one document.
final class RunProgressDisplay: @unchecked Sendable {
    private let terminal: Terminal
    private let silent: Bool
    /// How many of a failed attempt's last output lines to print under its FAILURE line.
    private let failureLines: Int
    private let lock = NSLock()
    private var running: [String: Date] = [:]
    private var done = 0
    private var failed = 0
    private let began = Date()

    private var timer: DispatchSourceTimer?

    init(terminal: Terminal, silent: Bool, failureLines: Int = RunProgressDisplay.failureLinesDefault) {
        self.terminal = terminal
        self.silent = silent
        self.failureLines = failureLines
        guard !silent, terminal.stderrIsTTY else { return }
        // The footer's elapsed times keep moving while steps run quietly.
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        timer.setEventHandler { [weak self] in self?.lock.withLock { self?.footer() } }
        timer.resume()
        self.timer = timer
    }

    func show(_ event: RunProgress) {
        guard !silent else { return }
        lock.withLock {
            switch event {
            case .stepStarted(let step, let attempt):
                running[step.stepKey.rawValue] = Date()
                emit("\(RunText.coloured("STARTED", terminal))  \(step.stepKey)" + (attempt > 1 ? "  (attempt \(attempt))" : ""))
            case .stepEnded(let step, let attempt, let status, let seconds, let reason):
                running[step.stepKey.rawValue] = nil
                if status == .success { done += 1 }
                if status == .failure { failed += 1 }
                var line = "\(RunText.coloured(status.rawValue, terminal))  \(step.stepKey)  \(RunText.duration(seconds))"
                if attempt > 1 { line += "  attempt \(attempt)" }
                let (cause, output) = StepFailureTail.split(reason ?? "")
                if reason != nil { line += "  \(cause)" }
                emit(line)
                if status == .failure || status == .retryWait { showFailure(step, output: output) }
            case .stepWarning(let step, let attempt, let message):
                // On stderr, like notes: stdout's lines are the run's step log.
                if terminal.stderrIsTTY { Console.endProgress() }
                Console.err("warning: step '\(step.stepKey)'" + (attempt > 1 ? " attempt \(attempt)" : "") + ": \(message)")
                footer()
            case .stepAbandoned(let step, let status, let reason):
                emit("\(RunText.coloured(status.rawValue, terminal))  \(step.stepKey)  \(reason)")
            case .canceling(let reason):
                emit("\(RunText.coloured("CANCELING", terminal))  \(reason)")
            case .concurrencyCapped(let requested, let allowed, let limit):
                if terminal.stderrIsTTY { Console.endProgress() }
                Console.err(
                    "note: running at most \(allowed) step\(allowed == 1 ? "" : "s") at once, not \(requested): the open-file limit is \(limit);"
                        + " raise it with `ulimit -n \(max(4096, limit * 4))` to run more")
                footer()
            case .storeBusy(let waited):
                // On stderr: stdout's lines are the run's step log, which a script may keep.
                if terminal.stderrIsTTY { Console.endProgress() }
                Console.err(
                    "waiting: the store has been busy for \(RunText.duration(Double(waited) / 1000)) (another arco process holds its write lock);"
                        + " steps keep running and the write is retried")
                footer()
            case .diskFull(let waited, let stateFolder):
                if terminal.stderrIsTTY { Console.endProgress() }
                Console.err(RunText.diskFullWaiting(waitedMilliseconds: waited, stateFolder: stateFolder))
                footer()
            case .storeUnreachable(let waited, let reason):
                if terminal.stderrIsTTY { Console.endProgress() }
                Console.err(RunText.unreachableWaiting(waitedMilliseconds: waited, reason: reason))
                footer()
            }
        }
    }

    /// The default of `--failure-lines`.
    static let failureLinesDefault = 10

    /// The last lines a failed attempt wrote, and for a final failure where the rest is.
    private func showFailure(_ step: StepRow, output: [String]) {
        guard failureLines > 0 else { return }
        for line in output.suffix(failureLines) { emit("    " + terminal.dim(line)) }
        if step.status == .failure || output.count > failureLines {
            emit("    hint: the whole log: `arco logs \(step.runID) --step \(InterruptText.shellWord(step.stepKey.rawValue))`")
        }
    }

    /// Prints a line above the footer, then redraws the footer on a TTY.
    private func emit(_ line: String) {
        if terminal.stderrIsTTY { Console.endProgress() }
        Console.out(line)
        footer()
    }

    private func footer() {
        guard terminal.stderrIsTTY else { return }
        let now = Date()
        let active = running.sorted { $0.value < $1.value }.prefix(4)
            .map { "\($0.key) \(RunText.duration(now.timeIntervalSince($0.value)))" }.joined(separator: ", ")
        Console.progress(
            "\(done) done, \(failed) failed, \(running.count) running\(active.isEmpty ? "" : ": \(active)")"
                + "  [\(RunText.duration(now.timeIntervalSince(began)))]")
    }

    func finish() {
        timer?.cancel()
        guard !silent, terminal.stderrIsTTY else { return }
        Console.endProgress()
    }

    /// The closing line: run id, status, duration and step counts.
    static func summary(_ run: RunRow, steps: [StepRow], terminal: Terminal) {
        var counts = [String: Int]()
        for step in steps { counts[step.status.rawValue, default: 0] += 1 }
        let parts = StepStatus.allCases.compactMap { status in counts[status.rawValue].map { "\($0) \(status.rawValue.lowercased())" } }
        var line = "run \(run.runID) \(RunText.coloured(run.status.rawValue, terminal))"
            + " in \(RunText.duration(from: run.startedAt ?? run.requestedAt, to: run.finishedAt))"
            + " (\(steps.count) step\(steps.count == 1 ? "" : "s"): \(parts.joined(separator: ", ")))"
        if run.status != .success, let reason = run.reason { line += "\n  \(reason)" }
        Console.out(line)
    }
}
