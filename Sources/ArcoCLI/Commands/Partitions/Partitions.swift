import ArgumentParser

extension ArcoCommand {
    /// `arco partitions list|add|remove`.
    struct Partitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "partitions",
            abstract: "List and show partition keys, and add or remove keys of dynamic definitions.",
            subcommands: [List.self, Show.self, Add.self, Remove.self]
        )
    }
}
