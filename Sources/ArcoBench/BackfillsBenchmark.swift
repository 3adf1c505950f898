import ArcoCore
import ArcoEngine
import ArcoStore
import Foundation

/// Issue 5's targets: creating, planning, showing and executing backfills, as the user meets
/// them (separate `arco` processes) except where the engine is timed alone (planning).
enum BackfillsBenchmark {
    static func run(arcoBinary arco: String) throws {
        try create(arco)
        try planAndEnqueue(arco, runs: 10_000)
        try endToEnd(arco, days: 365, concurrency: 4, rounds: 5)
        try endToEnd(arco, days: 1000, concurrency: 4, rounds: 1)
    }

    /// An hourly asset with about 100,000 partitions (2010-01-01 to 2021-05-30), plus one with 1,000.
    static let hourlyYAML = """
        version: 1
        partitions:
          hourly: { type: hourly, start: 2010-01-01-00:00, end: 2021-05-30-16:00 }
          small: { type: hourly, start: 2010-01-01-00:00, end: 2010-02-11-16:00 }
        assets:
          big: { command: "true", partitions: hourly }
          little: { command: "true", partitions: small }
        """

    /// `backfill create --detach` over 100,000 partitions, and the ledger bytes it adds compared
    /// with a 1,000-partition backfill; then `backfill status` of it.
    static func create(_ arco: String) throws {
        let folder = try RunsBenchmark.workspace(hourlyYAML)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try RebuildBenchmark.measure(arco, ["init", folder])
        let engine = StressCommands.engine(folder)
        func ledgerBytes() throws -> Int {
            try engine.store().read { try $0.ledgerPayloadBytes() }
        }
        var before = try ledgerBytes()
        let seconds = try RunsBenchmark.median(5) {
            try RebuildBenchmark.measure(arco, ["--workspace", folder, "backfill", "create", "--select", "big", "--all", "--detach"]).0
        }
        let big = (try ledgerBytes() - before) / 5
        let total = try engine.backfills(limit: 1).first?.total ?? 0
        RunsBenchmark.printRow("`backfill create --detach --all`, median of 5", Int(total), seconds)
        before = try ledgerBytes()
        _ = try RebuildBenchmark.measure(arco, ["--workspace", folder, "backfill", "create", "--select", "little", "--all", "--detach"])
        let small = try ledgerBytes() - before
        print("| ledger bytes added by one create: \(total) partitions \(big) B, 1,000 partitions \(small) B | | | |")
        let id = try engine.backfills(limit: 2)[1].backfillID.rawValue
        let status = try RunsBenchmark.median(21) {
            try RebuildBenchmark.measure(arco, ["--workspace", folder, "backfill", "status", id]).0
        }
        RunsBenchmark.printRow("`backfill status` of a \(total)-partition backfill, median of 21", Int(total), status)
    }

    /// Plans every chunk and requests a run for every partition, without executing any: the
    /// engine's passes alone, in process.
    static func planAndEnqueue(_ arco: String, runs: Int) throws {
        let folder = try RunsBenchmark.workspace(hourlyYAML)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let engine = StressCommands.engine(folder)
        let last = Timestamp(microsecondsSinceEpoch: Timestamp(iso8601: "2010-01-01T00:00:00Z")!.microsecondsSinceEpoch
            + Int64(runs - 1) * 3_600_000_000)
        let to = String(last.iso8601.prefix(13)).replacingOccurrences(of: "T", with: "-") + ":00"
        let started = ContinuousClock.now
        let creation = try engine.createBackfill(BackfillRequestOptions(
            selection: "big", selector: .range(from: "2010-01-01-00:00", to: to), chunkSize: 100, maxConcurrentRuns: runs))
        let plan = try engine.backfillPlan(creation.backfill)
        var pass = try engine.advanceBackfill(creation.backfill.backfillID, plan: plan)
        while pass.backfill.queued < Int64(runs) && !pass.requested.isEmpty {
            pass = try engine.advanceBackfill(creation.backfill.backfillID, plan: plan)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        RunsBenchmark.printRow("plan and enqueue \(pass.backfill.queued) runs (create + passes, in process)", runs, seconds)
        let id = creation.backfill.backfillID.rawValue
        let status = try RunsBenchmark.median(21) {
            try RebuildBenchmark.measure(arco, ["--workspace", folder, "backfill", "status", id]).0
        }
        RunsBenchmark.printRow("`backfill status` with \(runs) runs queued, median of 21", runs, status)
    }

    /// `arco backfill create` in the foreground over `days` daily partitions of `true`: one run
    /// and one worker process per partition; the median of `rounds`, each on a new workspace.
    /// The workspaces are deleted only at the end: on this machine's ext4 (no journal), files
    /// created within a minute or so of thousands of deletions pay for skipping the freed inodes,
    /// which would charge one round for cleaning up after the one before.
    static func endToEnd(_ arco: String, days: Int, concurrency: Int, rounds: Int) throws {
        let end = Timestamp(microsecondsSinceEpoch: Timestamp(iso8601: "2023-01-01T00:00:00Z")!.microsecondsSinceEpoch
            + Int64(days) * 86_400_000_000).iso8601.prefix(10)
        var folders: [String] = []
        defer { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }
        let seconds = try RunsBenchmark.median(rounds) {
            let folder = try RunsBenchmark.workspace("""
                version: 1
                partitions:
                  daily: { type: daily, start: 2023-01-01, end: \(end) }
                assets:
                  day: { command: "true", partitions: daily }
                """)
            folders.append(folder)
            _ = try RebuildBenchmark.measure(arco, ["init", folder])
            return try RebuildBenchmark.measure(
                arco, ["--workspace", folder, "backfill", "create", "--select", "day", "--all",
                       "--max-concurrent-runs", String(concurrency)]).0
        }
        RunsBenchmark.printRow(
            "`backfill create --all` of \(days) `true` partitions, --max-concurrent-runs \(concurrency)"
                + (rounds > 1 ? ", median of \(rounds)" : ""), days, seconds)
        print(String(format: "| … %.0f runs/s; %.1f ms of a run slot per run | | | |",
                     Double(days) / seconds, seconds * Double(concurrency) * 1000 / Double(days)))
    }
}
