import Foundation

/// `reconcile run` over independent runs, one at a time and four at once, each on a fresh
/// workspace so both plan the same missing days.
///
/// Issue 17 asked for 4 at once to reach 3× the sequential rate on 1,000 trivial runs. Two
/// figures say what bounds that here: the CPU the sequential pass keeps busy (on N cores no
/// overlap can beat N divided by it), and the same plan with steps that wait instead of compute,
/// which shows how far the scheduler overlaps runs when the cores are not the limit.
enum ReconcileBenchmark {
    static func yaml(command: String, days: Int) -> String {
        // `end` is exclusive: 2021-01-01 plus `days` days leaves `days` runs in the plan.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let end = calendar.date(byAdding: .day, value: days, to: ISO8601DateFormatter().date(from: "2021-01-01T00:00:00Z")!)!
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return """
            version: 1
            partitions:
              daily: { type: daily, start: 2021-01-01, end: \(formatter.string(from: end)) }
            assets:
              raw: { command: "\(command)", partitions: daily }
            """
    }

    static func run(arcoBinary arco: String) throws {
        try compare(arco, command: "true", runs: 1000, label: "independent `true` runs", boundByCPU: true)
        try compare(arco, command: "sleep 0.05", runs: 200, label: "independent `sleep 0.05` runs", boundByCPU: false)
    }

    /// Runs the plan once with 1 and once with 4 runs at once and prints both and the speed-up.
    private static func compare(_ arco: String, command: String, runs: Int, label: String, boundByCPU: Bool) throws {
        var rates = [Int: Double]()
        var sequentialCores = 0.0
        for concurrent in [1, 4] {
            let folder = try Benchmarks.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try yaml(command: command, days: runs).write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
            _ = try RebuildBenchmark.measure(arco, ["init", folder])
            let (seconds, _, cpu) = try RebuildBenchmark.measureWithCPU(
                arco, ["--workspace", folder, "reconcile", "run", "--max-concurrent-runs", String(concurrent)])
            rates[concurrent] = Double(runs) / seconds
            if concurrent == 1 { sequentialCores = cpu / seconds }
            RunsBenchmark.printRow(
                "`arco reconcile run --max-concurrent-runs \(concurrent)`, \(runs) \(label) (\(String(format: "%.2f", cpu / seconds)) cores busy)",
                runs, seconds)
        }
        guard let one = rates[1], let four = rates[4] else { return }
        print("| speed-up of 4 runs at once over 1, \(label) | \(runs) | \(String(format: "%.2f", four / one))× | \(String(format: "%.0f vs %.0f runs/s", four, one)) |")
        if boundByCPU {
            // The sequential pass keeps `sequentialCores` busy; all the cores busy is the most
            // any overlap can give.
            let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
            print("| ceiling on \(Int(cores)) cores (cores / cores busy sequentially) | \(runs) | \(String(format: "%.2f", cores / sequentialCores))× | |")
        }
    }
}
