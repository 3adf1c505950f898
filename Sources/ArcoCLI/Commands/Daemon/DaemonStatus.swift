import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Daemon {
    /// `arco daemon status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show which daemon leads, its fencing token and lease, the last pass and the standbys.",
            discussion: """
                --json prints {"leader": {"holder", "host", "pid", "token", "since", "expires_at"} \
                or null, "last_token", "standbys": [{"holder", "host", "pid", "seen_at"}], \
                "last_pass": {"holder", "token", "started_at", "finished_at", "parts"} or null} \
                (docs/json.md). A lease that has lapsed shows no leader.
                """
        )

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let status = try context.engine.daemonStatus(now: time.instant)
            if output.json {
                JSONOutput.print(DaemonText.json(status))
            } else {
                for line in DaemonText.lines(status) { Console.out(line) }
            }
        }
    }
}
