import ArgumentParser

extension ArcoCommand {
    /// `arco asset list|show|graph|report`.
    struct Asset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "asset",
            abstract: "Inspect assets.",
            subcommands: [List.self, Show.self, Graph.self, Report.self]
        )
    }
}
