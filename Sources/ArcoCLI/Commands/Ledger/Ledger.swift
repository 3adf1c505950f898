import ArgumentParser

extension ArcoCommand {
    /// `arco ledger export|import`.
    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the ledger as JSON Lines, or import an export into an empty workspace.",
            subcommands: [Export.self, Import.self]
        )
    }
}
