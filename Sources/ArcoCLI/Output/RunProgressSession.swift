import ArcoEngine
import Foundation

/// A `RunProgressDisplay` opened when an engine call starts executing a run in this process and
/// closed when it stops: a call may execute several runs one after another (`reconcile run`),
/// or none (a detached or existing run), and a display's TTY footer must exist only meanwhile.
final class RunProgressSession: @unchecked Sendable {
    private let terminal: Terminal
    private let silent: Bool
    private let failureLines: Int
    private let lock = NSLock()
    private var display: RunProgressDisplay?

    init(terminal: Terminal, silent: Bool, failureLines: Int = RunProgressDisplay.failureLinesDefault) {
        self.terminal = terminal
        self.silent = silent
        self.failureLines = failureLines
    }

    /// A run starts executing here.
    func begin() {
        let opened = RunProgressDisplay(terminal: terminal, silent: silent, failureLines: failureLines)
        lock.withLock { display = opened }
    }

    func show(_ event: RunProgress) {
        lock.withLock { display }?.show(event)
    }

    /// The run stopped executing here.
    func end() {
        lock.withLock { () -> RunProgressDisplay? in
            defer { display = nil }
            return display
        }?.finish()
    }
}
