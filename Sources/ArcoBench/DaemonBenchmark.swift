import ArcoCore
import ArcoEngine
import ArcoTesting
import Foundation

/// Issue 20's targets: a daemon pass over 200 schedules and 200 sensors with nothing due
/// (≤ 20 ms of CPU, the median of 20 passes, in one process), and an idle `arco daemon` process
/// (< 1% of a core, < 30 MB resident).
enum DaemonBenchmark {
    static let schedules = 200
    static let sensors = 200
    static let passes = 20
    static let idleSeconds = 20.0

    static func run(arcoBinary arco: String) throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try idlePass(folder)
        try idleProcess(arco, folder)
    }

    /// Hourly schedules and poll sensors evaluated at most once an hour: after the first pass
    /// (baselines and 200 sensor commands) nothing is due for an hour.
    private static func workspace() throws -> String {
        let folder = try Benchmarks.temporaryFolder()
        var yaml = "version: 1\nassets:\n  a: { command: \"true\" }\nschedules:\n"
        for index in 0..<schedules {
            yaml += "  s\(String(format: "%03d", index)): { cron: \"0 * * * *\", target: a, status: running }\n"
        }
        yaml += "sensors:\n"
        for index in 0..<sensors {
            yaml += "  p\(String(format: "%03d", index)): { kind: poll, command: \"echo {}\", min_interval: 1h, target: a, status: running }\n"
        }
        try yaml.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    /// CPU seconds (user + system) this process has used.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    private static func idlePass(_ folder: String) throws {
        let clock = ManualWallClock(Timestamp(secondsSinceEpoch: 1_704_068_100))
        var environment = EngineEnvironment.live(environment: ProcessInfo.processInfo.environment)
        environment.clock = clock
        let daemon = Daemon(
            workspace: Workspace(root: folder), environment: environment,
            holder: LeaseHolder(id: "bench", host: ProcessIdentity.host, pid: ProcessIdentity.pid), options: DaemonOptions())
        let start = cpuSeconds()
        try daemon.step(log: { _ in })
        RunsBenchmark.printRow("daemon pass, first (200 schedule baselines, 200 sensor commands), CPU", 1, cpuSeconds() - start)
        var samples: [Double] = []
        for _ in 0..<passes {
            clock.advance(bySeconds: 1)
            let before = cpuSeconds()
            try daemon.step(log: { _ in })
            samples.append(cpuSeconds() - before)
        }
        RunsBenchmark.printRow(
            "daemon pass, 200 schedules + 200 sensors, nothing due, CPU (median of \(passes))", passes, samples.sorted()[passes / 2])
        try daemon.release(log: { _ in })
    }

    /// `arco daemon --interval 5s` on the same workspace: CPU over `idleSeconds` once the first
    /// pass is done, and resident memory at the end. A 5 s interval does six times the passes of
    /// the default 30 s, so the figure is an upper bound.
    private static func idleProcess(_ arco: String, _ folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arco)
        process.arguments = ["--workspace", folder, "daemon", "--interval", "5s", "--lease", "15s"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 5)
        let before = try processCPU(process.processIdentifier)
        Thread.sleep(forTimeInterval: idleSeconds)
        let used = try processCPU(process.processIdentifier) - before
        let rss = try residentKilobytes(process.processIdentifier, field: "VmRSS:")
        let anonymous = try residentKilobytes(process.processIdentifier, field: "RssAnon:")
        RunsBenchmark.printRow(
            String(
                format: "idle `arco daemon --interval 5s`: %.2f%% of a core, %d kB resident (%d kB anonymous, the rest the mapped binary and libraries)",
                used / idleSeconds * 100, rss, anonymous),
            Int(idleSeconds), used)
    }

    /// User + system CPU seconds of a process, from /proc.
    private static func processCPU(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may hold spaces) start after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ((Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)) / ticks
    }

    /// A kB field of /proc/PID/status.
    private static func residentKilobytes(_ pid: Int32, field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix(field) } ?? ""
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
    }
}
