import ArgumentParser

extension ArcoCommand {
    /// `arco ledger export|import|tip`.
    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Export the ledger as JSON Lines, import an export into an empty workspace, or print its tip.",
            subcommands: [Export.self, Import.self, Tip.self]
        )
    }
}
