import ArcoCore
import ArgumentParser

extension ArcoCommand.Partitions {
    /// `arco partitions show DEF KEY`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print one partition key: whether it exists and its canonical identity.",
            discussion: """
                Multi keys may be given as a|b (dimension-name order) or dim=value,dim=value in any \
                order. --json prints {"key", "exists", "canonical", "start", "end"}; start and end \
                are null for keys without a time window.
                """
        )

        @Argument(help: "The partitions definition.", completion: CompletionCandidates.partitionsDefinitions)
        var definition: String

        @Argument(help: "The partition key.")
        var key: String

        @OptionGroup var time: NowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let report = try context.engine.describePartition(definition, key: key, now: time.instant)
            if output.json {
                JSONOutput.print([
                    "key": .string(report.key), "exists": .bool(report.exists),
                    "canonical": .string(report.canonical.description),
                    "start": .optional(report.window?.start.iso8601), "end": .optional(report.window?.end.iso8601),
                ])
                return
            }
            Console.out("key:       \(report.key)")
            Console.out("exists:    \(report.exists ? "yes" : "no")")
            Console.out("canonical: \(report.canonical)")
            if let window = report.window {
                Console.out("window:    \(window.start.iso8601) to \(window.end.iso8601)")
            }
        }
    }
}
