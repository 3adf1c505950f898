import ArcoCore
import ArcoTesting
import Foundation

/// `arco-bench postgres-workers --arco PATH [--url URL] [--runs N] [--workers N]`: issue 21's
/// "8 workers claiming and running 1,000 trivial queued runs: ≥ 50 runs/s in total".
///
/// One poll-sensor evaluation with `--no-launch` queues the runs (each `true`), then `--workers`
/// `arco worker --once` processes, each with its own `ARCO_HOST` as if on its own machine, drain
/// the queue; the figure is runs over the wall time from the first worker's start to the last
/// one's exit. The same on a SQLite store (one host) gives the scale.
enum PostgresWorkersBenchmark {
    static func run(_ arguments: [String]) throws {
        guard let arco = Benchmarks.optionString("--arco", in: arguments) else {
            throw StressError.usage("postgres-workers --arco PATH [--url URL] [--runs N] [--workers N]")
        }
        let runs = Benchmarks.option("--runs", in: arguments) ?? 1_000
        let workers = Benchmarks.option("--workers", in: arguments) ?? 8
        let url = try Benchmarks.optionString("--url", in: arguments)
            ?? PostgresTestCluster.shared().createDatabase(name: "bench_workers").socketURL
        print("| store | measurement | runs | seconds | runs/s |")
        print("|---|---|---:|---:|---:|")
        for (name, store) in [("postgres", url), ("sqlite", "sqlite")] {
            let seconds = try drain(arco, store: store, runs: runs, workers: workers)
            print("| \(name) | \(workers) `arco worker --once` processes drain \(runs) queued `true` runs | \(runs) | \(String(format: "%.2f", seconds)) | \(Int(Double(runs) / seconds)) |")
        }
    }

    /// Queues `runs` runs on a fresh workspace and returns the seconds `workers` workers take
    /// to execute them all; fails unless every run succeeded exactly once.
    static func drain(_ arco: String, store: String, runs: Int, workers: Int) throws -> Double {
        let folder = try RunsBenchmark.workspace(
            """
            version: 1
            assets:
              a: { command: "true" }
            sensors:
              feed: { kind: poll, command: sh feed.sh, target: a, status: running }
            """)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try feed(runs).write(toFile: folder + "/feed.sh", atomically: true, encoding: .utf8)
        let environment = ["ARCO_STORE": store]
        _ = try Subcommand.run(arco, ["init", folder], environment: environment)
        _ = try Subcommand.run(arco, ["--workspace", folder, "sensor", "eval", "feed", "--no-launch"], environment: environment)
        let start = ContinuousClock.now
        let processes = try (0..<workers).map { index in
            try Subcommand.start(
                arco, ["--workspace", folder, "worker", "--once", "--max-concurrent-runs", "4"],
                environment: environment.merging(["ARCO_HOST": "bench-host-\(index)"]) { $1 })
        }
        for process in processes {
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw StressError(description: "a worker exited \(process.terminationStatus)") }
        }
        let elapsed = start.duration(to: .now).components
        let status = try Subcommand.run(arco, ["--workspace", folder, "status", "--limit", String(runs * 2), "--json"], environment: environment)
        let listed = try JSONParser.parse(status)["runs"]?.arrayValue ?? []
        let succeeded = listed.filter { $0["status"]?.stringValue == "SUCCESS" }.count
        guard listed.count == runs, succeeded == runs else {
            throw StressError(description: "\(succeeded) of \(listed.count) runs succeeded, \(runs) queued")
        }
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// A poll sensor command printing `count` keyed run requests.
    static func feed(_ count: Int) -> String {
        #"seq 1 \#(count) | awk 'BEGIN { printf "{\"run_requests\": [" } { printf "%s{\"run_key\": \"r%d\"}", (NR > 1 ? "," : ""), $1 } END { print "]}" }'"#
    }
}
