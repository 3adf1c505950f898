import ArcoCore
import ArcoEngine
import Foundation

/// Issue 19's targets: `sensor push` as whole processes, one message each (≥ 300/s: a process
/// start and one durable commit), the same engine call in a loop in one process (≥ 3,000/s), and
/// `sensor eval` over 200 running poll sensors none of which is due (≤ 30 ms, the median of five).
enum SensorsBenchmark {
    static let processes = 300
    static let loop = 3_000
    static let sensors = 200

    static func run(arcoBinary arco: String) throws {
        try pushProcesses(arco)
        try pushLoop(arco)
        try idleEval(arco)
    }

    private static func pushWorkspace(_ arco: String) throws -> String {
        let folder = try Benchmarks.temporaryFolder()
        try """
            version: 1
            assets:
              a: { command: "true" }
            sensors:
              hook: { kind: push, target: a, status: running }
            """.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        _ = try RebuildBenchmark.measure(arco, ["init", folder])
        return folder
    }

    private static func pushProcesses(_ arco: String) throws {
        let folder = try pushWorkspace(arco)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var total = 0.0
        var cpu = 0.0
        for index in 0..<processes {
            let (seconds, _, used) = try RebuildBenchmark.measureWithCPU(
                arco, ["--workspace", folder, "sensor", "push", "hook", "--message-id", "m-\(index)", "--no-launch"])
            total += seconds
            cpu += used
        }
        // CPU beside wall time: on a loaded machine the wall figure mostly measures the load.
        RunsBenchmark.printRow(
            "`arco sensor push --no-launch`, one process per message (\(String(format: "%.0f", Double(processes) / total))/s; "
                + "\(String(format: "%.2f", cpu * 1000 / Double(processes))) ms CPU each)",
            processes, total)
    }

    private static func pushLoop(_ arco: String) throws {
        let folder = try pushWorkspace(arco)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let engine = StressCommands.engine(folder)
        let start = Date()
        let cpuStart = Self.processCPUSeconds()
        for index in 0..<loop {
            _ = try engine.sensorPush("hook", messageID: "m-\(index)", launch: .queueOnly)
        }
        let seconds = Date().timeIntervalSince(start)
        let cpu = Self.processCPUSeconds() - cpuStart
        RunsBenchmark.printRow(
            "`Engine.sensorPush` in one process (\(String(format: "%.0f", Double(loop) / seconds))/s; "
                + "\(String(format: "%.3f", cpu * 1000 / Double(loop))) ms CPU each)", loop, seconds)
    }

    private static func idleEval(_ arco: String) throws {
        let folder = try Benchmarks.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var yaml = "version: 1\nassets:\n  a: { command: \"true\" }\nsensors:\n"
        for index in 0..<sensors {
            yaml += "  p\(String(format: "%03d", index)): { kind: poll, command: \"echo {}\", target: a, status: running }\n"
        }
        try yaml.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        let eval = ["--workspace", folder, "sensor", "eval", "--no-launch", "--now"]
        let first = try RebuildBenchmark.measure(arco, eval + ["2024-01-01T00:00:00Z"]).0
        RunsBenchmark.printRow("`arco sensor eval`, first evaluation of 200 poll sensors (200 commands)", sensors, first)
        var samples: [Double] = []
        for _ in 0..<5 { samples.append(try RebuildBenchmark.measure(arco, eval + ["2024-01-01T00:00:10Z"]).0) }
        RunsBenchmark.printRow(
            "`arco sensor eval`, 200 running poll sensors, none due (median of 5)", sensors, samples.sorted()[2])
    }

    /// CPU seconds (user and system) this process has used.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    }
}
