import ArcoCore
import ArcoEngine
import Foundation

/// `arco run` and `arco status` as the user meets them: separate `arco` processes on temporary
/// workspaces, wall time, medians.
enum RunsBenchmark {
    static func run(arcoBinary arco: String) throws {
        try single(arco)
        try chain(arco)
        let wide = try wideRun(arco)
        try statusOfLargeRun(arco, folder: wide.folder, runID: wide.runID)
        try? FileManager.default.removeItem(atPath: wide.folder)
        try statusOfManyRuns(arco, runs: 100_000)
    }

    static func workspace(_ yaml: String) throws -> String {
        let folder = try Benchmarks.temporaryFolder()
        try yaml.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    static func median(_ count: Int, _ body: () throws -> Double) rethrows -> Double {
        var samples = [Double]()
        for _ in 0..<count { samples.append(try body()) }
        samples.sort()
        return samples[samples.count / 2]
    }

    static func printRow(_ name: String, _ count: Int, _ seconds: Double) {
        print("| \(name) | \(count) | \(String(format: "%.4f", seconds)) | \(String(format: "%.1f ms", seconds * 1000)) |")
    }

    /// One asset whose command is `true`, on a store that already exists.
    static func single(_ arco: String) throws {
        let folder = try workspace("version: 1\nassets:\n  one: { command: \"true\" }\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try RebuildBenchmark.measure(arco, ["init", folder])
        let seconds = try median(21) { try RebuildBenchmark.measure(arco, ["--workspace", folder, "run", "one"]).0 }
        printRow("`arco run one` (command `true`), median of 21", 1, seconds)
    }

    /// A chain of 20 `true` steps.
    static func chain(_ arco: String) throws {
        var yaml = "version: 1\nassets:\n  s0: { command: \"true\" }\n"
        for index in 1..<20 { yaml += "  s\(index): { command: \"true\", deps: [s\(index - 1)] }\n" }
        let folder = try workspace(yaml)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try RebuildBenchmark.measure(arco, ["init", folder])
        let seconds = try median(11) { try RebuildBenchmark.measure(arco, ["--workspace", folder, "run", "key:s0+"]).0 }
        printRow("`arco run key:s0+`, a chain of 20 `true` steps, median of 11", 20, seconds)
    }

    /// 1,000 independent `true` steps one at a time, against 1,000 bare `/bin/sh -c true`
    /// spawns: the difference per step is arco's overhead (records, scheduling, log files).
    static func wideRun(_ arco: String) throws -> (folder: String, runID: String) {
        var yaml = "version: 1\nassets:\n"
        for index in 0..<1000 { yaml += "  w\(index): { command: \"true\" }\n" }
        let folder = try workspace(yaml)
        _ = try RebuildBenchmark.measure(arco, ["init", folder])
        let spawns = try Benchmarks.time {
            for _ in 0..<1000 { _ = try RebuildBenchmark.measure("/bin/sh", ["-c", "true"]) }
        }
        let run = try RebuildBenchmark.measure(arco, ["--workspace", folder, "run", "*", "--max-concurrency", "1"]).0
        printRow("1,000 bare `/bin/sh -c true` spawns, one at a time", 1000, spawns)
        printRow("`arco run '*'`, 1,000 independent `true` steps, --max-concurrency 1", 1000, run)
        print("| arco overhead per step beyond the spawn | 1000 | \(String(format: "%.5f", (run - spawns) / 1000)) | \(String(format: "%.2f ms", (run - spawns))) |")
        let parallel = try RebuildBenchmark.measure(arco, ["--workspace", folder, "run", "*", "--max-concurrency", "2"]).0
        printRow("`arco run '*'`, 1,000 independent `true` steps, --max-concurrency 2", 1000, parallel)
        let engine = StressCommands.engine(folder)
        let latest = try engine.recentRuns(limit: 1).first?.runID.rawValue ?? ""
        return (folder, latest)
    }

    static func statusOfLargeRun(_ arco: String, folder: String, runID: String) throws {
        let text = try median(21) { try RebuildBenchmark.measure(arco, ["--workspace", folder, "status", runID]).0 }
        printRow("`arco status RUN` of a 1,000-step run, median of 21", 1000, text)
        let json = try median(21) { try RebuildBenchmark.measure(arco, ["--workspace", folder, "status", runID, "--json"]).0 }
        printRow("`arco status RUN --json` of a 1,000-step run, median of 21", 1000, json)
    }

    /// A store holding `runs` finished one-step runs, then the default listing of 20.
    static func statusOfManyRuns(_ arco: String, runs: Int) throws {
        let folder = try workspace("version: 1\nassets:\n  a: { command: \"true\" }\n")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let engine = StressCommands.engine(folder)
        var batch = [EventDraft]()
        for index in 0..<runs {
            let run = RunID("run_bench_\(index)")
            batch.append(EventDraft(RunRequested(
                runID: run, runKey: nil, fingerprint: "f", selection: "a", trigger: RunTrigger(kind: .manual),
                steps: [PlannedStep(stepKey: "a", asset: "a")])))
            batch.append(EventDraft(StepStarted(runID: run, stepKey: "a", attempt: 1, attemptID: AttemptID("att_\(index)"))))
            batch.append(EventDraft(StepFinished(
                runID: run, stepKey: "a", attempt: 1, attemptID: AttemptID("att_\(index)"), outcome: .succeeded, exitCode: 0)))
            if batch.count >= 3000 {
                try engine.record(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try engine.record(batch) }
        let text = try median(21) { try RebuildBenchmark.measure(arco, ["--workspace", folder, "status"]).0 }
        printRow("`arco status` (20 most recent) on \(runs) runs, median of 21", runs, text)
        let json = try median(21) { try RebuildBenchmark.measure(arco, ["--workspace", folder, "status", "--json"]).0 }
        printRow("`arco status --json` on \(runs) runs, median of 21", runs, json)
    }
}
