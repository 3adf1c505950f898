import ArgumentParser

extension ArcoCommand {
    /// `arco asset show|report`.
    struct Asset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect assets.",
            subcommands: [Show.self, Report.self]
        )
    }
}
