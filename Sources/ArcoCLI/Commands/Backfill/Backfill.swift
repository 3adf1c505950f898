import ArgumentParser

extension ArcoCommand {
    /// `arco backfill create|list|status|pause|resume|cancel|retry-failed`.
    struct Backfill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backfill",
            abstract: "Materialize many partitions once each: chunked, resumable, and retried only where they failed.",
            subcommands: [Create.self, List.self, Status.self, Pause.self, Resume.self, Cancel.self, RetryFailed.self]
        )
    }
}
