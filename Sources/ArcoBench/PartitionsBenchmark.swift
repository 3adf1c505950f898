import ArcoCore
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
    }
}
