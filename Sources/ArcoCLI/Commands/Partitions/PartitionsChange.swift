import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Partitions {
    /// `arco partitions add DEF KEY...`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add keys to a dynamic partitions definition (keys already present are skipped).",
            discussion: """
                Keys may contain any character but '...' and control characters (C0, DEL and C1, \
                U+0080-U+009F; and | , [ ] in a definition used as a multi dimension); they reach \
                steps only through environment variables. Arguments must be valid UTF-8 (exit 65). \
                --json prints {"partitions_def", "added", "removed", "unchanged"}.
                """
        )

        @Argument(help: "The dynamic partitions definition.", completion: CompletionCandidates.partitionsDefinitions)
        var definition: String

        @Argument(help: "The keys to add.")
        var keys: [String]

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let report = try context.engine.changeDynamicPartitions(definition, add: keys, remove: [])
            PartitionsChangeOutput.render(report, json: output.json)
        }
    }

    /// `arco partitions remove DEF KEY...`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove keys from a dynamic partitions definition (missing keys are ignored).",
            discussion: "--json prints {\"partitions_def\", \"added\", \"removed\", \"unchanged\"}."
        )

        @Argument(help: "The dynamic partitions definition.", completion: CompletionCandidates.partitionsDefinitions)
        var definition: String

        @Argument(help: "The keys to remove.")
        var keys: [String]

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let report = try context.engine.changeDynamicPartitions(definition, add: [], remove: keys)
            PartitionsChangeOutput.render(report, json: output.json)
        }
    }
}

/// The shared output of `partitions add` and `partitions remove`.
enum PartitionsChangeOutput {
    static func render(_ report: DynamicPartitionsReport, json: Bool) {
        if json {
            JSONOutput.print([
                "partitions_def": .string(report.partitionsDef), "added": .strings(report.added),
                "removed": .strings(report.removed), "unchanged": .strings(report.unchanged),
            ])
            return
        }
        var lines = [String]()
        if !report.added.isEmpty { lines.append("added \(Plural.count(report.added.count, "key")) to '\(report.partitionsDef)'") }
        if !report.removed.isEmpty { lines.append("removed \(Plural.count(report.removed.count, "key")) from '\(report.partitionsDef)'") }
        if !report.unchanged.isEmpty { lines.append("\(Plural.count(report.unchanged.count, "key")) already as asked: nothing recorded for them") }
        Console.out(lines.joined(separator: "\n"))
    }
}
