import Foundation

/// Issue 18's targets, each a whole `arco` process: `schedule preview --count 10000` of a
/// five-minute cron in Europe/Berlin (≤ 50 ms), `schedule tick --no-launch` over 1,000 running
/// schedules with one due tick each (≤ 1 s), and `schedule tick` with nothing due over the same
/// 1,000 schedules (≤ 30 ms: it runs every minute forever). Medians of five where the command
/// can be repeated unchanged.
enum SchedulesBenchmark {
    static let schedules = 1_000

    static func run(arcoBinary arco: String) throws {
        try preview(arco)
        try ticks(arco)
        try idle(arco)
    }

    /// 1,000 schedules, one per line of arco.yaml, all running.
    static func workspace(cron: String) throws -> String {
        let folder = try Benchmarks.temporaryFolder()
        var yaml = "version: 1\nassets:\n  a: { command: \"true\" }\nschedules:\n"
        for index in 0..<schedules {
            yaml += "  s\(String(format: "%04d", index)): { cron: \"\(cron)\", target: a, status: running }\n"
        }
        try yaml.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    private static func preview(_ arco: String) throws {
        let folder = try Benchmarks.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            version: 1
            assets:
              a: { command: "true" }
            schedules:
              every5: { cron: "*/5 * * * *", timezone: Europe/Berlin, target: a }
            """.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        _ = try RebuildBenchmark.measure(arco, ["init", folder])
        let arguments = [
            "--workspace", folder, "schedule", "preview", "every5", "--from", "2024-01-01T00:00:00Z", "--count", "10000",
        ]
        RunsBenchmark.printRow(
            "`arco schedule preview every5 --count 10000` (`*/5 * * * *`, Europe/Berlin)", 10_000,
            try median(arco, arguments))
    }

    private static func ticks(_ arco: String) throws {
        let folder = try workspace(cron: "0 * * * *")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tick = ["--workspace", folder, "schedule", "tick", "--no-launch", "--now"]
        let baselines = try RebuildBenchmark.measure(arco, tick + ["2024-01-01T00:30:00Z"]).0
        RunsBenchmark.printRow("`arco schedule tick --no-launch`, first evaluation of 1,000 schedules (baselines)", schedules, baselines)
        let due = try RebuildBenchmark.measure(arco, tick + ["2024-01-01T01:00:00Z"]).0
        RunsBenchmark.printRow("`arco schedule tick --no-launch`, 1,000 running schedules, one due tick each", schedules, due)
    }

    /// The line cron runs every minute, on the clock, with nothing due and nothing queued: a
    /// yearly cron whose baselines were just set.
    private static func idle(_ arco: String) throws {
        let folder = try workspace(cron: "0 0 1 1 *")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try RebuildBenchmark.measure(arco, ["--workspace", folder, "schedule", "tick", "--no-launch"])
        let idle = try median(arco, ["--workspace", folder, "schedule", "tick"])
        RunsBenchmark.printRow("`arco schedule tick`, 1,000 running schedules, nothing due", schedules, idle)
        let parsed = try median(arco, ["--workspace", folder, "schedule", "tick", "--no-launch"])
        RunsBenchmark.printRow("same, with an option (`--no-launch`: the whole parser is built)", schedules, parsed)
    }

    private static func median(_ arco: String, _ arguments: [String]) throws -> Double {
        var samples: [Double] = []
        for _ in 0..<5 { samples.append(try RebuildBenchmark.measure(arco, arguments).0) }
        return samples.sorted()[samples.count / 2]
    }
}
