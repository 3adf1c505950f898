import ArcoCore
import ArgumentParser

extension ArcoCommand.Partitions {
    /// `arco partitions list DEF`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the keys of a partitions definition, in order.",
            discussion: """
                Every key is printed unless --limit is given. Multi keys join the dimension keys \
                with | in dimension-name order. --json prints {"partitions_def": NAME, "keys": [...]}.
                """
        )

        @Argument(help: "The partitions definition.")
        var definition: String

        @Option(parsing: .unconditional, help: "At most this many keys.")
        var limit: Int?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            var keys = try context.engine.partitionKeys(definition)
            if let limit { keys = Array(keys.prefix(limit)) }
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
