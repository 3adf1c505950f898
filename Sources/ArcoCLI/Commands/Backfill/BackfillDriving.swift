import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

/// What `create`, `resume` and `retry-failed` share once the backfill exists: driving it in the
/// foreground with progress (or leaving it to a worker), then reporting and choosing the exit code.
enum BackfillDriving {
    static func finish(
        _ backfill: BackfillRow, existing: Bool, detach: Bool, context: CommandContext
    ) async throws {
        var final = backfill
        if !detach && !backfill.status.isFinal {
            let display = BackfillProgressDisplay(terminal: context.terminal, silent: context.json)
            if !context.json {
                Console.err("backfill \(backfill.backfillID): \(backfill.total) partition\(backfill.total == 1 ? "" : "s"), "
                    + "\(backfill.maxConcurrentRuns) run\(backfill.maxConcurrentRuns == 1 ? "" : "s") at once; "
                    + "runs in flight finish if this command is stopped (resume with `arco backfill resume \(backfill.backfillID)`)")
            }
            let interrupt = BackfillInterrupt(backfill)
            let signals = InterruptHandlers { interrupt.signal = $0 }
            defer { signals.restore() }
            final = try await context.engine.driveBackfill(backfill.backfillID, stopReason: { interrupt.signal }) { pass in
                interrupt.latest = pass.backfill
                display.show(pass.backfill)
            }
            display.finish(final)
            if let signal = interrupt.signal { throw interrupt.leave(signal: signal, json: context.json) }
        }
        if context.json {
            guard case .object(var object) = BackfillJSON.backfill(final) else { return }
            if existing { object["existing"] = .bool(true) }
            JSONOutput.print(.object(object))
        } else if detach {
            if existing { Console.err("idempotency key already names backfill \(final.backfillID); not creating another") }
            Console.out(final.backfillID.rawValue)
            if !final.status.isFinal { Console.err("hint: `arco worker` executes it; follow it with `arco backfill status \(final.backfillID)`") }
        } else {
            Console.out("backfill \(final.backfillID) \(BackfillText.coloured(final.status.rawValue, context.terminal)): "
                + BackfillText.counts(final) + (final.reason.map { "\n  \($0)" } ?? ""))
            if final.status == .failed { Console.err("hint: retry what failed: `arco backfill retry-failed \(final.backfillID)`") }
            if final.status == .canceled { Console.err("hint: see what ran: `arco backfill status \(final.backfillID) --partitions`") }
        }
        if !detach && (final.status == .failed || final.status == .canceled) { throw CommandFailure(status: .failure) }
    }
}

/// Shows a backfill as it is driven: a bar on a TTY's stderr, otherwise a line when the counts
/// change (at most every two seconds), so a log keeps a readable trace.
final class BackfillProgressDisplay: @unchecked Sendable {
    private let terminal: Terminal
    private let silent: Bool
    private let began = Date()
    private var lastLine = Date.distantPast
    private var lastCounts = ""

    init(terminal: Terminal, silent: Bool) {
        self.terminal = terminal
        self.silent = silent
    }

    func show(_ backfill: BackfillRow) {
        guard !silent else { return }
        let counts = BackfillText.counts(backfill)
        if terminal.stderrIsTTY {
            let done = backfill.succeeded + backfill.failed + backfill.canceled
            let width = 30
            let filled = backfill.total > 0 ? Int(Int64(width) * done / backfill.total) : width
            let elapsed = Date().timeIntervalSince(began)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? RunText.duration(Double(backfill.total - done) / rate) : "-"
            Console.progress(
                "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                    + counts + String(format: "  %.1f/s", rate) + "  ETA \(eta)")
            return
        }
        // The final state is the command's own closing line on stdout.
        guard !backfill.status.isFinal, counts != lastCounts, Date().timeIntervalSince(lastLine) >= 2 else { return }
        lastCounts = counts
        lastLine = Date()
        Console.err("backfill \(backfill.backfillID) \(backfill.status.rawValue): \(counts)")
    }

    func finish(_ backfill: BackfillRow) {
        guard !silent, terminal.stderrIsTTY else { return }
        Console.endProgress()
    }
}

/// What a foreground backfill says when SIGINT or SIGTERM stops it: the backfill stays RUNNING,
/// its runs in flight (worker processes in sessions of their own) finish by themselves, and one
/// command continues it. The command then ends with 128 + the signal, as the default action
/// would have; inside `arco shell` only the command ends.
final class BackfillInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var row: BackfillRow
    private var received: String?

    init(_ backfill: BackfillRow) { row = backfill }

    /// The backfill as the driver last saw it.
    var latest: BackfillRow {
        get { lock.withLock { row } }
        set { lock.withLock { row = newValue } }
    }

    /// The first signal received (`SIGINT`, `SIGTERM`), set by the handler.
    var signal: String? {
        get { lock.withLock { received } }
        set { lock.withLock { received = received ?? newValue } }
    }

    /// Prints the line and gives the failure that ends the command with 128 + the signal.
    func leave(signal: String, json: Bool) -> CommandFailure {
        let backfill = latest
        let inFlight = backfill.queued + backfill.running
        let line = "interrupted (\(signal)): backfill \(backfill.backfillID) stays \(backfill.status.rawValue) with "
            + "\(inFlight) run\(inFlight == 1 ? "" : "s") in flight, which finish\(inFlight == 1 ? "es" : "") on \(inFlight == 1 ? "its" : "their") own, and \(backfill.pending) "
            + "partition\(backfill.pending == 1 ? "" : "s") to go; continue it with `arco backfill resume \(backfill.backfillID)`"
        if json {
            Console.err(CanonicalJSON.encode(["interrupted": .string(signal), "backfill_id": .string(backfill.backfillID.rawValue),
                "in_flight": .int(inFlight), "pending": .int(backfill.pending),
                "continue": .string("arco backfill resume \(backfill.backfillID)")]))
        } else {
            if isatty(STDERR_FILENO) == 1 { Console.endProgress() }
            Console.err(line)
        }
        return CommandFailure(code: 128 + (signal == "SIGINT" ? SIGINT : SIGTERM))
    }
}
