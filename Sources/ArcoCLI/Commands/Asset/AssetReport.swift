import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Asset {
    /// `arco asset report KEY`.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Record a materialization made outside arco (a runless report).",
            discussion: """
                The asset must exist, and a partitioned one needs --partition with one of its keys. Without \
                --data-version the version is Dagster's logical one: SHA-256 of the code version (or the report \
                key) and the upstream versions. With --report-key a repeat records nothing (exactly once). \
                --json prints {"asset", "partition", "data_version", "code_version", "report_key", "recorded"}.
                """
        )

        @Argument(help: "The asset key.", completion: CompletionCandidates.assets)
        var asset: String

        @Option(help: ArgumentHelp("The partition materialized.", valueName: "key"), completion: CompletionCandidates.partitionKeys)
        var partition: String?

        @Option(help: ArgumentHelp("The data version produced.", valueName: "version"))
        var dataVersion: String?

        @Option(help: ArgumentHelp("Your idempotency key: a repeat records nothing.", valueName: "key"))
        var reportKey: String?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let (event, recorded) = try context.engine.reportMaterialization(
                asset, partition: partition, dataVersion: dataVersion, reportKey: reportKey)
            if output.json {
                JSONOutput.print([
                    "asset": .string(event.asset), "partition": .optional(event.partition),
                    "data_version": .string(event.dataVersion), "code_version": .optional(event.codeVersion),
                    "report_key": .optional(event.reportKey), "recorded": .bool(recorded),
                ])
            } else if recorded {
                Console.out("recorded \(event.asset)\(event.partition.map { "[\($0)]" } ?? "") data version \(event.dataVersion)")
            } else {
                Console.out("already recorded under report key '\(event.reportKey ?? "")'; nothing changed")
            }
        }
    }
}
