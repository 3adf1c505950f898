import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Backfill {
    /// `arco backfill status ID`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show a backfill: state, counts by partition status, failures with their runs, timing.",
            discussion: """
                Partitions are shown as ranges of consecutive keys in the same status, so a backfill of \
                100,000 partitions stays a screenful. --json prints the backfill object of docs/json.md; \
                --partitions adds "partitions": [{"asset", "partition", "status", "run_id", "error"}] for \
                every target, PENDING for those not yet requested.
                """
        )

        @Argument(help: ArgumentHelp("The backfill (its id or a unique prefix of it).", valueName: "backfill-id"), completion: CompletionCandidates.backfillIDs)
        var backfillID: String?

        @Flag(help: "Every partition's status (as ranges in text).")
        var partitions = false

        @Flag(help: "Draw the targets' health bar even when standard output is not a terminal.")
        var bar = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let engine = context.engine
            let (backfill, rows) = try engine.backfillDetail(
                backfillID.map(engine.resolveBackfillID) ?? MissingID.latestBackfill(engine), partitions: partitions)
            let all = partitions ? try Self.withUnplanned(backfill, rows, engine) : rows
            let retries = try engine.retries(of: backfill.backfillID)
            // Only a backfill that can still move on is worth asking about.
            let waiting = backfill.status == .running || backfill.status == .pending
            let driven = waiting && engine.isBackfillDriven(backfill.backfillID)
            if output.json {
                guard case .object(var object) = BackfillJSON.backfill(backfill) else { return }
                if partitions { object["partitions"] = .array(all.map { BackfillJSON.partition($0, in: backfill.status) }) }
                object["retried_by"] = .array(retries.map(BackfillJSON.retry))
                object["driven"] = .bool(driven)
                JSONOutput.print(.object(object))
                return
            }
            let terminal = context.terminal
            Console.out("backfill \(backfill.backfillID) \(BackfillText.coloured(backfill.status.rawValue, terminal))")
            Console.out("  selection  \(backfill.selection)")
            Console.out("  partitions " + ((try? PartitionSelector(json: JSONParser.parse(backfill.selector)).display) ?? "-")
                + (backfill.only.map { " (only \($0))" } ?? ""))
            Console.out("  progress   \(BackfillText.counts(backfill))")
            if bar || terminal.stdoutIsTTY {
                let targets = partitions ? all : try Self.withUnplanned(backfill, engine.backfillDetail(backfill.backfillID, partitions: true).1, engine)
                Console.out("             " + HealthBarText.bar(Self.cells(targets, in: backfill.status), terminal))
            }
            if waiting && !driven {
                Console.out("  driven     no: nothing is driving it; continue it with `arco backfill resume \(backfill.backfillID)` or start `arco worker`")
            }
            Console.out("  created    \(backfill.createdAt.iso8601)"
                + (backfill.endedAt.map { "   ended \($0.iso8601) (\(RunText.duration(from: backfill.createdAt, to: $0)))" } ?? ""))
            if let parent = backfill.parentBackfillID { Console.out("  retries    \(parent)") }
            for retry in retries {
                Console.out("  retried by \(retry.backfillID) \(BackfillText.coloured(retry.status.rawValue, terminal)): \(BackfillText.counts(retry))")
            }
            if let reason = backfill.reason { Console.out("  reason     \(reason)") }
            let failures = rows.filter { $0.status == .failed || $0.status == .canceled }
            if !failures.isEmpty {
                Console.out("")
                let shown = failures.prefix(20).map {
                    [$0.asset, $0.partition ?? "-", $0.status.rawValue, $0.runID?.rawValue ?? "-", $0.error.map(StepFailureTail.oneLine) ?? ""]
                }
                for line in RunText.table(["ASSET", "PARTITION", "STATUS", "RUN", "ERROR"], shown) { Console.out(line) }
                let more = Int(backfill.failed + backfill.canceled) - 20
                if more > 0 { Console.out("… and \(more) more: `arco backfill status \(backfill.backfillID) --partitions --json`") }
            }
            if partitions {
                Console.out("")
                let ranges = BackfillText.ranges(all, in: backfill.status)
                for line in RunText.table(["ASSET", "PARTITIONS", "STATUS", "COUNT"], ranges) { Console.out(line) }
            }
        }

        /// The targets in planning order as health-bar cells: succeeded reads as materialized, failed,
        /// canceled and blocked as failed, queued and running as in progress, pending as missing.
        static func cells(_ targets: [BackfillPartitionRow], in state: BackfillState) -> [PartitionState] {
            var ranges = [PartitionStatusSummary.Range]()
            for target in targets {
                let partitionState: PartitionState
                switch target.status {
                case .succeeded: partitionState = .materialized
                case .failed, .canceled: partitionState = .failed
                case .queued, .running: partitionState = .inProgress
                case .pending: partitionState = state == .failed ? .failed : .missing
                }
                if let last = ranges.last, last.state == partitionState {
                    ranges[ranges.count - 1].count += 1
                } else {
                    ranges.append(PartitionStatusSummary.Range(first: "", last: "", state: partitionState, count: 1))
                }
            }
            return PartitionHealthBar.cells(ranges, total: targets.count, width: HealthBarText.width())
        }

        /// The planned rows plus the targets not yet planned, as PENDING, in planning order.
        static func withUnplanned(_ backfill: BackfillRow, _ rows: [BackfillPartitionRow], _ engine: Engine) throws
            -> [BackfillPartitionRow]
        {
            guard backfill.planned < backfill.total else { return rows }
            let plan = try engine.backfillPlan(backfill)
            var all = rows
            for position in Int(backfill.planned)..<plan.targets.count {
                let target = plan.targets[position]
                all.append(BackfillPartitionRow(
                    backfillID: backfill.backfillID, position: Int64(position), asset: target.asset,
                    partition: target.partition, chunkIndex: -1, updatedAt: backfill.updatedAt))
            }
            return all
        }
    }
}
