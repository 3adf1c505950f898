import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand.Daemon {
    /// `arco daemon run` (also plain `arco daemon`).
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Lead the automation of this workspace, or wait as a standby.",
            discussion: """
                Each pass: fail runs whose worker died, tick due schedules, evaluate due sensors, \
                drive backfills, evaluate automation: conditions, and start a worker process for \
                each queued run within the concurrency limits. One line per action, nothing when \
                nothing is due; --json prints JSON Lines {"at", "action", "subject", "why", \
                "run_id"} (docs/json.md). The lease is renewed every third of --lease; a standby \
                takes over once it lapses. Changes to arco.yaml are picked up on the next pass; a \
                file with problems is reported once and the last good definitions keep running. \
                SIGINT or SIGTERM finishes the part of the pass under way (schedules, sensors, \
                backfills or automation), releases the lease and exits 0; runs in flight keep going \
                in their own workers.
                """
        )

        @Option(
            help: ArgumentHelp(
                "Time between passes, e.g. 30s or 1m (default 30s, at least \(Limits.daemonLeaseSecondsMin)s).",
                valueName: "duration"))
        var interval: String = "30s"

        @Option(
            help: ArgumentHelp(
                "How long leadership lasts unless renewed, e.g. 15s (default 15s, at least \(Limits.daemonLeaseSecondsMin)s).",
                valueName: "duration"))
        var lease: String = "15s"

        @Flag(help: "Do one pass (if this daemon gets the lease), release the lease and exit; a part that failed makes the exit status that of its error.")
        var once = false

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            let interval = try Self.duration(interval, option: "--interval")
            let lease = try Self.duration(lease, option: "--lease")
            _ = (interval, lease)
        }

        /// A duration option of at least `Limits.daemonLeaseSecondsMin`.
        static func duration(_ text: String, option: String) throws -> Duration {
            let value: Duration
            do {
                value = try DurationSyntax.parse(text)
            } catch {
                throw ValidationError("\(option) '\(text)': \(error.description); \(error.hint)")
            }
            guard value >= .seconds(Limits.daemonLeaseSecondsMin) else {
                throw ValidationError("\(option) '\(text)' is shorter than \(Limits.daemonLeaseSecondsMin)s")
            }
            return value
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let options = DaemonOptions(
                interval: try Self.duration(interval, option: "--interval"), lease: try Self.duration(lease, option: "--lease"),
                now: time.instant)
            let daemon = ArcoEngine.Daemon(
                workspace: context.engine.workspace, environment: context.engine.environment, holder: Self.makeHolder(context.engine.environment),
                options: options)
            let json = output.json
            let log: @Sendable (DaemonLogLine) -> Void = { DaemonText.print($0, json: json) }
            // Installed for --once too: SIGTERM finishes the part under way and releases the lease.
            let stopping = StopFlag()
            let signals = InterruptHandlers { name in stopping.set(name) }
            defer { signals.restore() }
            if once {
                // A pass whose parts failed (a broken arco.yaml, an unreadable store) must not
                // look like success to cron: exit with the first failure, lease released.
                if let failure = try daemon.once(stopReason: { stopping.reason }, log: log) { throw failure }
                return
            }
            try daemon.runLoop(stopReason: { stopping.reason }, log: log)
        }

        /// A holder id unique to this process: host, pid and a fresh id from the environment's
        /// generator, so a restarted daemon with a recycled pid is still someone new.
        static func makeHolder(_ environment: EngineEnvironment) -> LeaseHolder {
            let host = ProcessIdentity.host
            let pid = ProcessIdentity.pid
            let suffix = environment.ids.makeID(prefix: "d", at: environment.clock.now())
            return LeaseHolder(id: "\(host):\(pid):\(suffix)", host: host, pid: pid)
        }
    }
}
