import ArgumentParser

extension ArcoCommand {
    /// `arco daemon [run]|status`.
    struct Daemon: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daemon",
            abstract: "Run all automation in one long-running process, with a standby taking over if it dies.",
            discussion: """
                `arco daemon` (the same as `arco daemon run`) ticks due schedules, evaluates due \
                sensors, drives backfills, evaluates automation: conditions and starts worker \
                processes for queued runs, every --interval, while it holds the store's daemon lease. \
                Start a second `arco daemon` on the same workspace (or on another host sharing the \
                store) as a standby: it takes over when the lease lapses. A daemon that lost the \
                lease can write nothing (docs/daemon.md).
                """,
            subcommands: [Run.self, Status.self],
            defaultSubcommand: Run.self
        )
    }
}
