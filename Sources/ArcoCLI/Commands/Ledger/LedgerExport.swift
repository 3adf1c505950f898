import ArgumentParser
import Foundation

extension ArcoCommand.Ledger {
    /// `arco ledger export`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the ledger to standard output as JSON Lines, one event per line.",
            discussion: "Each line carries every stored column and the row's hash, so an import can check the chain."
        )

        @Option(parsing: .unconditional, help: "Only events after this sequence number.")
        var after: Int64 = 0

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if after < 0 { throw ValidationError("--after must be 0 or more") }
        }

        func run() async throws {
            let context = try CommandContext(global)
            try context.engine.exportLedger(afterSeq: after) { line in Console.out(line) }
        }
    }
}
