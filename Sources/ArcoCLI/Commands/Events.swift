import ArcoCore
import ArgumentParser

extension ArcoCommand {
    /// `arco events`.
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events",
            abstract: "List the ledger's events in order.",
            discussion: """
                Every matching event is listed unless --limit is given. --json prints \
                {"events": [...]}, each event with seq, event_id, type, version, recorded_at, \
                idempotency_key, correlation_id, causation_id, payload and hash.
                """
        )

        // `.unconditional` so that `--after -1` reaches validate() instead of reading as a flag.
        @Option(parsing: .unconditional, help: "Only events after this sequence number.")
        var after: Int64 = 0

        @Option(help: ArgumentHelp("Only events of this type (repeatable), e.g. RunRequested.", valueName: "type"))
        var type: [String] = []

        @Option(help: ArgumentHelp("Only events of this run.", valueName: "run-id"), completion: CompletionCandidates.runIDs)
        var run: String?

        @Option(parsing: .unconditional, help: "At most this many events.")
        var limit: Int?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
            if after < 0 { throw ValidationError("--after must be 0 or more") }
            _ = try canonicalTypes()
        }

        /// The --type values as stored (`runrequested` is `RunRequested`): a type no build of
        /// this catalog records would match nothing, which reads as "no such events" rather than
        /// as the typo it is.
        func canonicalTypes() throws -> [String] {
            let known = EventCatalog.storedTypes
            return try type.map { given in
                if let stored = known.first(where: { $0.caseInsensitiveCompare(given) == .orderedSame }) { return stored }
                let suggestion = NameSuggestion.hint(for: given, in: known.sorted()).map { "; \($0)" } ?? ""
                throw ValidationError("--type '\(given)' is not an event type\(suggestion)")
            }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let filter = EventFilter(afterSeq: after, types: try canonicalTypes(), runID: run.map(RunID.init), limit: limit)
            if output.json {
                try printJSON(context, filter)
            } else {
                try printTable(context, filter)
            }
        }

        private func printJSON(_ context: CommandContext, _ filter: EventFilter) throws {
            // Streamed as one document so that any ledger size prints in constant memory.
            var first = true
            var line = "{\"events\":["
            try context.engine.forEachEvent(filter) { row in
                if !first { line.append(",") }
                first = false
                line.append(CanonicalJSON.encode(row.exportJSON()))
                if line.utf8.count > 64 * 1024 {
                    Console.outRaw(line)
                    line = ""
                }
            }
            line.append("]}")
            Console.out(line)
        }

        /// Streams rows with fixed column widths, so a ledger of any size prints in constant memory.
        private func printTable(_ context: CommandContext, _ filter: EventFilter) throws {
            let typeWidth = EventCatalog.storedTypes.map(\.count).max() ?? 24
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
            }
            var buffer = ""
            var count = 0
            try context.engine.forEachEvent(filter) { row in
                if count == 0 {
                    buffer += context.terminal.bold(
                        "\(pad("SEQ", 8))  \(pad("RECORDED AT", 27))  \(pad("TYPE", typeWidth))  IDEMPOTENCY KEY") + "\n"
                }
                buffer += "\(pad(String(row.seq), 8))  \(row.recordedAt.iso8601)  \(pad(row.type, typeWidth))  \(row.idempotencyKey)\n"
                count += 1
                if buffer.utf8.count > 64 * 1024 {
                    Console.outRaw(buffer)
                    buffer = ""
                }
            }
            guard count > 0 else {
                Console.out("no events" + (after > 0 || !type.isEmpty || run != nil || limit != nil ? " match" : " yet"))
                return
            }
            Console.outRaw(buffer)
        }
    }
}
