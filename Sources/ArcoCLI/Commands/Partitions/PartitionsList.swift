import ArcoCore
import ArgumentParser

extension ArcoCommand.Partitions {
    /// `arco partitions list DEF`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Print the keys of a partitions definition, in order.",
            discussion: """
                Every key is printed unless --limit is given. Time-window keys are the windows that \
                have ended by --now (default: the current time). Multi keys join the dimension keys \
                with | in dimension-name order. --from and --to are keys (inclusive, in partition \
                order). --json prints {"partitions_def": NAME, "keys": [...]}.
                """
        )

        @Argument(help: "The partitions definition.", completion: CompletionCandidates.partitionsDefinitions)
        var definition: String

        @Option(help: ArgumentHelp("Start at this key (inclusive).", valueName: "key"))
        var from: String?

        @Option(help: ArgumentHelp("End at this key (inclusive).", valueName: "key"))
        var to: String?

        @Option(parsing: .unconditional, help: "At most this many keys.")
        var limit: Int?

        @OptionGroup var time: NowOptions

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let keys = try context.engine.partitionKeys(
                definition, now: time.instant, from: from, to: to, limit: limit)
            if output.json {
                JSONOutput.print(["partitions_def": .string(definition), "keys": .strings(keys)])
                return
            }
            if keys.isEmpty {
                Console.out("'\(definition)' has no partitions")
                return
            }
            Console.out(keys.joined(separator: "\n"))
        }
    }
}
