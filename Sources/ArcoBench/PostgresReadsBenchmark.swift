import ArcoCore
import ArcoTesting
import Foundation

/// `arco-bench postgres-reads --arco PATH [--url URL] [--assets N] [--days N]`: issue 21's
/// "`arco status` and `staleness report` on PostgreSQL within 2× their SQLite figures on the
/// same data".
///
/// The staleness benchmark's workspace (random materialization history over assets × daily
/// partitions) is filled on SQLite, exported, and imported into a PostgreSQL schema; then each
/// command is timed, median of 5, as a separate `arco` process against each store.
enum PostgresReadsBenchmark {
    static func run(_ arguments: [String]) throws {
        guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
            throw StressError.usage("postgres-reads --arco PATH [--url URL] [--assets N] [--days N]")
        }
        let assets = Benchmarks.option("--assets", in: arguments) ?? 200
        let days = Benchmarks.option("--days", in: arguments) ?? 365
        let url = try Benchmarks.optionString("--url", in: arguments)
            ?? PostgresTestCluster.shared().createDatabase(name: "bench_reads").socketURL
        let folder = try RunsBenchmark.workspace(StalenessBenchmark.yaml(assets: assets))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let events = try StalenessBenchmark.populate(folder, assets: assets, days: days)
        let ledger = folder + "/ledger.jsonl"
        try Subcommand.run(arco, ["--workspace", folder, "ledger", "export"], environment: [:])
            .write(toFile: ledger, atomically: true, encoding: .utf8)
        let importStart = ContinuousClock.now
        try Subcommand.run(arco, ["--workspace", folder, "ledger", "import", ledger], environment: ["ARCO_STORE": url])
        let imported = importStart.duration(to: .now).components.seconds
        print("| setup: \(events) materializations over \(assets) assets × \(days) days; PostgreSQL import \(imported) s | | | |")
        print("| command | SQLite s | PostgreSQL s | ratio |")
        print("|---|---:|---:|---:|")
        let now = ["--now", StalenessBenchmark.endDate(days) + "T00:30:00Z"]
        let commands: [(String, [String])] = [
            ("`status --json`", ["status", "--json"]),
            ("`status --limit 1000 --json`", ["status", "--limit", "1000", "--json"]),
            ("`staleness report --json --limit 50` (verdicts cached after the first)", ["staleness", "report", "--json", "--limit", "50"] + now),
            ("`staleness report --json`, every row", ["staleness", "report", "--json"] + now),
        ]
        for (label, command) in commands {
            var figures = [Double]()
            for store in ["sqlite", url] {
                let arguments = ["--workspace", folder] + command
                _ = try Subcommand.run(arco, arguments, environment: ["ARCO_STORE": store])
                figures.append(try RunsBenchmark.median(5) { try timed(arco, arguments, store: store) })
            }
            print("| \(label) | \(String(format: "%.3f", figures[0])) | \(String(format: "%.3f", figures[1])) | \(String(format: "%.2f", figures[1] / figures[0]))× |")
        }
    }

    static func timed(_ arco: String, _ arguments: [String], store: String) throws -> Double {
        let start = ContinuousClock.now
        try Subcommand.run(arco, arguments, environment: ["ARCO_STORE": store])
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
