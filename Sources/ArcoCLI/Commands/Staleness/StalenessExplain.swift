import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Staleness {
    /// `arco staleness explain`.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Walk one partition's staleness back to its root causes, as a tree.",
            discussion: """
                UPSTREAM_STALE partitions are followed upstream until a partition stale for another \
                reason (the root cause); at most 20 upstream partitions are shown under each one. \
                --json prints the row of `staleness report` plus "upstream" (the same objects), \
                "omitted" and "repeated" (docs/json.md).
                """
        )

        @Argument(help: ArgumentHelp("The asset.", valueName: "asset"), completion: CompletionCandidates.assets)
        var asset: String

        @Option(help: ArgumentHelp("The partition (display key); required for a partitioned asset.", valueName: "key"), completion: CompletionCandidates.partitionKeys)
        var partition: String?

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let explanation = try context.engine.explainStaleness(asset, partition: partition, now: time.instant)
            if output.json {
                JSONOutput.print(explanation.json())
                return
            }
            for line in StalenessText.tree(explanation, terminal: context.terminal) { Console.out(line) }
        }
    }
}
