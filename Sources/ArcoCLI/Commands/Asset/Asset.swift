import ArgumentParser

extension ArcoCommand {
    /// `arco asset list|show|report`.
    struct Asset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect assets.",
            subcommands: [List.self, Show.self, Report.self]
        )
    }
}
