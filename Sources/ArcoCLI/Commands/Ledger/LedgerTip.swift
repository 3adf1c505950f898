import ArcoCore
import ArgumentParser

extension ArcoCommand.Ledger {
    /// `arco ledger tip`.
    struct Tip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tip",
            abstract: "Print the ledger's last row as SEQ:HASH, an anchor to keep outside the store.",
            discussion: """
                The hash chain finds a row edited or removed in the middle of the ledger, but not \
                the last rows removed together with a matching rewrite of the state read from them: the \
                shorter ledger is still a valid chain. Keep the anchor somewhere else (a log, \
                another machine) and check it later with `arco doctor --expect-tip SEQ:HASH`, \
                which exits 74 when the ledger no longer reaches that row unchanged. An empty \
                ledger's tip is row 0. --json prints {"seq", "hash", "tip"}.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let tip = try context.engine.ledgerTip()
            if output.json {
                JSONOutput.print(["seq": .int(tip.seq), "hash": .string(tip.hash), "tip": .string(tip.description)])
            } else {
                Console.out(tip.description)
            }
        }
    }
}
