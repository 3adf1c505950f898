import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Backfill {
    /// `arco backfill list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List backfills, newest first.",
            discussion: """
                Shows id, status, selection, partitions, progress and creation time. --json prints \
                {"backfills": [backfill…]} with the backfill object of docs/json.md.
                """
        )

        @Option(name: .customLong("status"), help: ArgumentHelp("Only backfills in this state (repeatable).", valueName: "state"))
        var statuses: [String] = []

        @Option(parsing: .unconditional, help: ArgumentHelp("At most this many.", valueName: "n"))
        var limit: Int?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            for status in statuses { _ = try StatusFilter.backfill(status) }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let backfills = try context.engine.backfills(
                statuses: try statuses.map(StatusFilter.backfill), limit: limit)
            if output.json {
                JSONOutput.print(["backfills": .array(backfills.map(BackfillJSON.backfill))])
                return
            }
            guard !backfills.isEmpty else {
                Console.out("no backfills; create one with `arco backfill create --select ASSET --all`")
                return
            }
            let rows = backfills.map { row in
                [
                    row.backfillID.rawValue, row.status.rawValue, row.selection,
                    (try? PartitionSelector(json: JSONParser.parse(row.selector)).display) ?? "-",
                    BackfillText.counts(row), row.createdAt.iso8601,
                ]
            }
            let table = RunText.table(["BACKFILL", "STATUS", "SELECTION", "PARTITIONS", "PROGRESS", "CREATED"], rows) {
                column, cell in
                // Colour the status word only, keeping the padding that aligns the next column.
                guard column == 1 else { return cell }
                let word = cell.trimmingCharacters(in: .whitespaces)
                return BackfillText.coloured(word, context.terminal) + String(repeating: " ", count: cell.count - word.count)
            }
            for line in table { Console.out(line) }
        }
    }
}
