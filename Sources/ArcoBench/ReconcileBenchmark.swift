import Foundation

/// `reconcile run` over 1,000 independent trivial runs (issue 17's target: with
/// `--max-concurrent-runs 4`, at least 3× the sequential rate), each on a fresh workspace so
/// both plan the same 1,000 missing days.
enum ReconcileBenchmark {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2021-01-01, end: 2023-09-28 }
        assets:
          raw: { command: "true", partitions: daily }
        """

    static func run(arcoBinary arco: String) throws {
        var rates = [Int: Double]()
        for concurrent in [1, 4] {
            let folder = try Benchmarks.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try yaml.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
            _ = try RebuildBenchmark.measure(arco, ["init", folder])
            let seconds = try RebuildBenchmark.measure(
                arco, ["--workspace", folder, "reconcile", "run", "--max-concurrent-runs", String(concurrent)]).0
            rates[concurrent] = 1000 / seconds
            RunsBenchmark.printRow("`arco reconcile run --max-concurrent-runs \(concurrent)`, 1,000 independent `true` runs", 1000, seconds)
        }
        if let one = rates[1], let four = rates[4] {
            print("| speed-up of 4 runs at once over 1 | 1000 | \(String(format: "%.2f", four / one))× | \(String(format: "%.0f vs %.0f runs/s", four, one)) |")
        }
    }
}
