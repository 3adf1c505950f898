import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Backfill {
    /// `arco backfill create`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a backfill and drive it to the end (or leave it to `arco worker` with --detach).",
            discussion: """
                Name the partitions with exactly one of --partitions, --from/--to, --filter or --all. The \
                backfill stores that selector, never the list, and resolves it per asset in dependency \
                order: an asset whose partitions it does not name gets those its selected upstream \
                partitions map to (a weekly rollup under a daily range). --only keeps the partitions \
                missing, failed or either when the backfill is created. Each asset partition gets one run \
                (one per chunk for backfill_policy: single_run), executed by its own worker process with at \
                most --max-concurrent-runs at once; stopping this command leaves runs in flight to finish, \
                and `arco backfill resume` continues. Exit 0 when the backfill succeeded (or was queued \
                with --detach, or previewed with --dry-run), 1 when it failed or was canceled, 65 for a \
                selection that does not resolve or a reused --idempotency-key with another request. \
                --json prints the backfill object of docs/json.md ("existing": true when the key matched); \
                with --dry-run {"selection", "selector", "assets": [{"asset", "count", "first", "last"}], \
                "total", "runs", "chunks"}.
                """
        )

        @Option(help: ArgumentHelp("The assets, in the selection syntax of `arco run`.", valueName: "selection"), completion: CompletionCandidates.assets)
        var select: String

        @Option(help: ArgumentHelp("These partition keys, comma-separated.", valueName: "keys"))
        var partitions: String?

        @Option(help: ArgumentHelp("The first partition of a range (with --to).", valueName: "key"), completion: CompletionCandidates.partitionKeys)
        var from: String?

        @Option(help: ArgumentHelp("The last partition of a range, included (with --from).", valueName: "key"), completion: CompletionCandidates.partitionKeys)
        var to: String?

        @Option(help: ArgumentHelp("Clauses on partition dimensions, e.g. 'region=us,eu date>=2024-01-01'.", valueName: "expr"))
        var filter: String?

        @Flag(help: "Every partition of the selected assets.")
        var all = false

        @Option(help: ArgumentHelp("Only partitions missing, failed, or missing-or-failed now.", valueName: "status"))
        var only: String?

        @Option(help: ArgumentHelp("A repeat with this key returns the same backfill.", valueName: "key"))
        var idempotencyKey: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Partitions planned per chunk (1 to \(Limits.backfillChunkPartitionsMax)).", valueName: "n"))
        var chunkSize = BackfillRequestOptions.defaultChunkSize

        @Option(parsing: .unconditional, help: ArgumentHelp("Runs of this backfill at once.", valueName: "n"))
        var maxConcurrentRuns = BackfillRequestOptions.defaultMaxConcurrentRuns

        @Flag(help: "Keep partitions whose upstream partitions are neither in the backfill nor materialized (a week of missing days).")
        var allowPartial = false

        @Flag(help: "Record the backfill and return; `arco worker` drives it.")
        var detach = false

        @Flag(help: "Print the resolved partitions and the plan; record nothing.")
        var dryRun = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            let given = [partitions != nil, from != nil || to != nil, filter != nil, all].filter { $0 }.count
            guard given == 1 else {
                throw ValidationError("name the partitions with exactly one of --partitions, --from/--to, --filter or --all")
            }
            if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
            if let only, BackfillOnly(rawValue: only) == nil {
                throw ValidationError("--only '\(only)' is not one of missing, failed, missing-or-failed")
            }
            if !(1...Limits.backfillChunkPartitionsMax).contains(chunkSize) {
                throw ValidationError("--chunk-size must be from 1 to \(Limits.backfillChunkPartitionsMax)")
            }
            if maxConcurrentRuns < 1 { throw ValidationError("--max-concurrent-runs must be at least 1") }
            if dryRun && detach { throw ValidationError("--dry-run records nothing, so there is nothing to --detach") }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            var options = BackfillRequestOptions(
                selection: select, selector: try selector(), only: only.flatMap(BackfillOnly.init(rawValue:)),
                idempotencyKey: idempotencyKey, chunkSize: chunkSize, maxConcurrentRuns: maxConcurrentRuns)
            options.allowPartial = allowPartial
            if dryRun {
                let preview = try context.engine.previewBackfill(options)
                if !output.json { Self.noteLeftOut(preview.leftOut) }
                Self.printPreview(preview, json: output.json)
                return
            }
            let creation = try context.engine.createBackfill(options)
            if !output.json { Self.noteLeftOut(creation.leftOut) }
            try await BackfillDriving.finish(creation.backfill, existing: creation.existing, detach: detach, context: context)
        }

        private func selector() throws -> PartitionSelector {
            if let partitions {
                let keys = partitions.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard !keys.contains(where: \.isEmpty) else { throw ValidationError("--partitions has an empty key") }
                return .explicit(keys)
            }
            if let from, let to { return .range(from: from, to: to) }
            if let filter {
                do {
                    return .filter(try PartitionFilterClause.parse(filter))
                } catch {
                    throw Engine.backfillError(error)
                }
            }
            return .all
        }

        /// Says which targets a backfill leaves out for reading incomplete upstream partitions.
        static func noteLeftOut(_ leftOut: [BackfillTarget]) {
            guard let first = leftOut.first else { return }
            Console.err(
                "note: \(leftOut.count) partition\(leftOut.count == 1 ? "" : "s") left out: what \(leftOut.count == 1 ? "it reads" : "they read") "
                    + "is neither in this backfill nor materialized (e.g. \(first.asset) \(first.partition ?? "")); "
                    + "include \(leftOut.count == 1 ? "it" : "them") with --allow-partial")
        }

        static func printPreview(_ preview: BackfillPreview, json: Bool) {
            if json {
                JSONOutput.print([
                    "selection": .string(preview.selection), "selector": preview.selector.json(),
                    "assets": .array(preview.assets.map {
                        ["asset": .string($0.asset), "count": .int(Int64($0.count)), "first": .optional($0.first),
                         "last": .optional($0.last)]
                    }),
                    "total": .int(Int64(preview.total)), "runs": .int(Int64(preview.runs)),
                    "chunks": .int(Int64(preview.chunks)),
                    "left_out": .array(preview.leftOut.map { $0.json() }),
                ])
                return
            }
            let rows = preview.assets.map { [$0.asset, String($0.count), $0.first ?? "-", $0.last ?? "-"] }
            for line in RunText.table(["ASSET", "PARTITIONS", "FIRST", "LAST"], rows) { Console.out(line) }
            Console.out("\(preview.total) partition\(preview.total == 1 ? "" : "s") in \(preview.runs) run\(preview.runs == 1 ? "" : "s"), "
                + "\(preview.chunks) chunk\(preview.chunks == 1 ? "" : "s"); nothing recorded (--dry-run)")
        }
    }
}
