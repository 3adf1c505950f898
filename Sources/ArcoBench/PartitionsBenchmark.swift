import ArcoCore
import ArcoEngine
import Foundation

/// Partition key throughput, and `arco partitions list` of a large definition as a process.
enum PartitionsBenchmark {
    static func run(keys: Int, arcoBinary: String?) throws {
        let texts = (0..<keys).map { index in
            "date=d:2024-\(String(index % 12 + 1 + 100).dropFirst())-\(String(index % 28 + 1 + 100).dropFirst()),region=s:\(["dXM", "ZXU", "YXBhYw"][index % 3])"
        }
        var parsed = [CanonicalPartitionKey]()
        parsed.reserveCapacity(keys)
        let parse = try Benchmarks.time { for text in texts { parsed.append(try CanonicalPartitionKey(parsing: text)) } }
        Benchmarks.row("canonical partition key parse (strict)", keys, parse)
        var length = 0
        let format = Benchmarks.time { for key in parsed { length += key.description.utf8.count } }
        Benchmarks.row("canonical partition key format", keys, format)
        guard let arco = arcoBinary else { return }
        let folder = try Benchmarks.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            version: 1
            partitions:
              hourly: { type: hourly, start: 2015-01-01, timezone: America/New_York }

            """.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        let arguments = ["--workspace", folder, "partitions", "list", "hourly", "--now", "2025-01-01T00:00:00Z"]
        var samples = [Double]()
        for _ in 0..<7 { samples.append(try RebuildBenchmark.measure(arco, arguments).0) }
        samples.sort()
        let median = samples[samples.count / 2]
        print("| `arco partitions list` hourly, 10 years in America/New_York, median of 7 (ms) | 87672 | \(String(format: "%.4f", median)) | \(String(format: "%.1f ms", median * 1000)) |")
        try assetShow(arcoBinary: arco)
    }
}

extension PartitionsBenchmark {
    /// How the benchmark's materializations are spread over the partitions.
    enum Spread: String, CaseIterable {
        /// Each of 60% of the keys materialized on its own, in random order: about 48,000 ranges,
        /// the worst case for range output.
        case keys = "single partitions in random order"
        /// 600 runs of 100 consecutive partitions each at random places: what backfills and
        /// partitioned runs leave behind.
        case runs = "600 runs of 100 consecutive partitions, random places"
    }

    /// `arco asset show` of an asset with 100,000 hourly partitions, 60% materialized, for each
    /// spread. Materializations carry canonical keys, as the executor records them.
    static func assetShow(arcoBinary: String) throws {
        for spread in Spread.allCases { try assetShow(arcoBinary: arcoBinary, spread: spread) }
    }

    static func assetShow(arcoBinary: String, spread: Spread) throws {
        let folder = try Benchmarks.temporaryFolder()
        // ARCO_BENCH_KEEP=1 keeps the workspace for profiling; its path goes to stderr.
        let keep = ProcessInfo.processInfo.environment["ARCO_BENCH_KEEP"] == "1"
        if keep { FileHandle.standardError.write(Data("asset show workspace (\(spread)): \(folder)\n".utf8)) }
        defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
        try """
            version: 1
            partitions:
              hourly: { type: hourly, start: 2014-01-01 }
            assets:
              events: { command: "true", partitions: hourly }

            """.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        let now = Timestamp(iso8601: "2025-05-29T16:00:00Z") ?? Timestamp(secondsSinceEpoch: 0)
        let definition = TimeWindowPartitions(
            cadence: .hourly(minuteOffset: 0), start: WallDateTime(date: CivilDate(year: 2014, month: 1, day: 1)))
        let set = try TimeWindowPartitionSet(definition)
        let windows = set.windows(now: now)
        var generator = SystemRandomNumberGenerator()
        var chosen: [PartitionTimeWindow]
        switch spread {
        case .keys:
            chosen = Array(windows.shuffled(using: &generator).prefix(windows.count * 6 / 10))
        case .runs:
            let blocks = (0..<(windows.count / 100)).shuffled(using: &generator).prefix(windows.count * 6 / 1000)
            chosen = blocks.flatMap { windows[($0 * 100)..<($0 * 100 + 100)] }
        }
        let engine = StressCommands.engine(folder)
        var batch = [EventDraft]()
        for window in chosen {
            let canonical = CanonicalPartitionKey(single: set.canonicalValue(of: window)).description
            batch.append(EventDraft(AssetMaterialized(
                asset: "events", partition: window.key, runID: nil, stepKey: nil, attempt: nil,
                reportKey: "events:\(window.key)", codeVersion: "1", dataVersion: "v", canonicalPartition: canonical)))
            if batch.count == 1000 {
                try engine.record(batch)
                batch.removeAll()
            }
        }
        if !batch.isEmpty { try engine.record(batch) }
        // JSON for scripts, and the text a terminal gets, health bar included (issue 17).
        for (format, extra) in [("--json", ["--json"]), ("text with --bar", ["--bar"])] {
            let arguments = ["--workspace", folder, "asset", "show", "events", "--now", now.iso8601] + extra
            var samples = [Double]()
            for _ in 0..<7 { samples.append(try RebuildBenchmark.measure(arcoBinary, arguments).0) }
            samples.sort()
            let median = samples[samples.count / 2]
            print("| `arco asset show` \(format) of \(windows.count) hourly partitions, \(chosen.count) materialized as \(spread.rawValue), median of 7 (ms) | \(windows.count) | \(String(format: "%.4f", median)) | \(String(format: "%.1f ms", median * 1000)) |")
        }
    }
}
