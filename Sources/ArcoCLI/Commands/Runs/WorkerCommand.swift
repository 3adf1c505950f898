import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand {
    /// `arco worker`.
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Claim queued runs and execute them (what --detach, schedules, sensors and backfills enqueue).",
            discussion: """
                Each claim records RunStarted with this process's pid and host in one transaction, so two \
                workers never execute the same run. A worker that dies mid-run is noticed by the next command \
                that reads runs: the run fails with "worker process N exited without finishing the run". \
                SIGINT or SIGTERM cancels the runs in progress and stops the worker.
                """
        )

        @Flag(help: "Execute what is queued now, then exit.")
        var once = false

        @Option(parsing: .unconditional, help: ArgumentHelp("Runs executed at once.", valueName: "n"))
        var maxConcurrentRuns = 1

        @OptionGroup var steps: StepConcurrencyOption

        @Option(name: .customLong("run"), help: ArgumentHelp("Only this run.", valueName: "run-id"), completion: CompletionCandidates.runIDs)
        var runID: String?

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if maxConcurrentRuns < 1 { throw ValidationError("--max-concurrent-runs must be at least 1") }
        }

        func run() async throws {
            try await Self.work(
                context: try CommandContext(global), once: once, maxConcurrentRuns: maxConcurrentRuns,
                maxConcurrency: steps.value, runID: runID)
        }

        /// Runs `Engine.work` until a signal stops it, printing what it reports: for the parsed
        /// command and for the form `Engine.spawnWorker` starts.
        static func work(
            context: CommandContext, once: Bool, maxConcurrentRuns: Int, maxConcurrency: Int?, runID: String?
        ) async throws {
            let stopping = StopFlag()
            // Every executor of this worker polls the flag, so a run claimed in the very instant
            // of the signal is canceled too.
            let signals = InterruptHandlers { name in stopping.set("worker interrupted (\(name))") }
            defer { signals.restore() }
            try await context.engine.work(
                only: runID.map(RunID.init), maxRuns: maxConcurrentRuns,
                stepConcurrency: maxConcurrency ?? ProcessInfo.processInfo.activeProcessorCount, once: once,
                stopReason: { stopping.reason }, progress: { render($0) })
        }

        /// One line per step transition and per run end on stdout; warnings and errors on stderr.
        static func render(_ event: WorkerEvent) {
            switch event {
            case .step(let runID, let progress):
                renderStep(progress, of: runID)
            case .runEnded(let runID, let status):
                Console.out("run \(runID) \(status.rawValue)")
            case .backfillBroken(let backfill, let error):
                Console.err("error: backfill \(backfill) cannot be driven: \(error.message)")
                if let hint = error.hint { Console.err("hint: \(hint)") }
            }
        }

        static func renderStep(_ event: RunProgress, of runID: RunID) {
            switch event {
            case .stepEnded(let step, _, let status, let seconds, let reason):
                Console.out("\(runID) \(status.rawValue) \(step.stepKey) \(RunText.duration(seconds))\(reason.map { " \(StepFailureTail.oneLine($0))" } ?? "")")
            case .stepAbandoned(let step, let status, let reason):
                Console.out("\(runID) \(status.rawValue) \(step.stepKey) \(reason)")
            case .stepWarning(let step, _, let message):
                Console.err("\(runID) warning: step '\(step.stepKey)': \(message)")
            case .storeBusy(let waited):
                Console.err("\(runID) waiting: the store has been busy for \(RunText.duration(Double(waited) / 1000)); retrying the write")
            case .diskFull(let waited, let stateFolder):
                Console.err("\(runID) " + RunText.diskFullWaiting(waitedMilliseconds: waited, stateFolder: stateFolder))
            case .storeUnreachable(let waited, let reason):
                Console.err("\(runID) " + RunText.unreachableWaiting(waitedMilliseconds: waited, reason: reason))
            case .concurrencyCapped(let requested, let allowed, let limit):
                Console.err("\(runID) note: running at most \(allowed) step\(allowed == 1 ? "" : "s") at once, not \(requested): the open-file limit is \(limit)")
            case .stepStarted, .canceling:
                break
            }
        }
    }
}

/// Set by a signal handler with the reason; read by the worker loop and its executors.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?
    var reason: String? { lock.withLock { value } }
    func set(_ reason: String) { lock.withLock { if value == nil { value = reason } } }
}
