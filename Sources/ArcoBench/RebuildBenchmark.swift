import ArcoCore
import ArcoEngine
import ArcoTesting
import Foundation

/// `arco rebuild` on a large ledger, and start-up-bound commands on it, measured as separate
/// `arco` processes so that wall time and peak memory are the user's.
enum RebuildBenchmark {
    static func run(events: Int, arcoBinary: String?) throws {
        let folder = try Benchmarks.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "version: 1\n".write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        let fill = try Benchmarks.time { try fillLedger(folder, events: events) }
        Benchmarks.row("fill ledger (append+fold, batches of 1000)", events, fill)
        guard let arco = arcoBinary else { return }
        let (rebuildSeconds, rebuildRSS) = try measureWithPeakMemory(arco, ["--workspace", folder, "rebuild"])
        print("| `arco rebuild` (peak RSS \(rebuildRSS / 1024) MiB) | \(events) | \(String(format: "%.3f", rebuildSeconds)) | \(Int(Double(events) / rebuildSeconds)) |")
        for arguments in [["--workspace", folder, "events", "--limit", "20"], ["--version"]] {
            var samples = [Double]()
            for _ in 0..<21 { samples.append(try measure(arco, arguments).0) }
            samples.sort()
            let median = samples[samples.count / 2]
            print("| `arco \(arguments.filter { $0 != folder && $0 != "--workspace" }.joined(separator: " "))` median of 21 (ms) | \(events) | \(String(format: "%.4f", median)) | \(String(format: "%.1f ms", median * 1000)) |")
        }
    }

    /// Appends `events` generated events through an engine that is closed on return, so the
    /// measured commands open the store as a user's next command would.
    static func fillLedger(_ folder: String, events: Int) throws {
        let engine = StressCommands.engine(folder)
        var written = 0
        var offset = 0
        var generator = EventSequenceGenerator(seed: 9)
        while written < events {
            let drafts = generator.drafts(runs: 200).map { StressCommands.renamed($0, offset: offset) }
            offset += 200
            var index = 0
            while index < drafts.count && written < events {
                let batch = Array(drafts[index..<min(index + 1000, drafts.count, index + events - written)])
                written += try engine.record(batch).appended.count
                index += batch.count
            }
        }
    }

    /// Runs a process under `/usr/bin/time` for its peak RSS in KiB. A child spawned directly
    /// reports the parent's RSS as its own until it execs (the spawn shares the parent's pages),
    /// so after filling a large ledger in-process that figure was the bench's, not arco's.
    static func measureWithPeakMemory(_ binary: String, _ arguments: [String]) throws -> (Double, Int) {
        let report = NSTemporaryDirectory() + "arco-bench-rss-\(getpid())"
        defer { unlink(report) }
        let (seconds, _) = try measure("/usr/bin/time", ["-f", "%M", "-o", report, binary] + arguments)
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        let kilobytes = text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? -1
        return (seconds, kilobytes)
    }

    /// Runs a process to completion; returns wall seconds and its peak RSS in KiB.
    static func measure(_ binary: String, _ arguments: [String]) throws -> (Double, Int) {
        let (seconds, peak, _) = try measureWithCPU(binary, arguments)
        return (seconds, peak)
    }

    /// Runs a process to completion; returns wall seconds, its peak RSS in KiB, and the CPU
    /// seconds (user and system) it and the children it waited for used.
    static func measureWithCPU(_ binary: String, _ arguments: [String]) throws -> (Double, Int, Double) {
        var pid: pid_t = 0
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let start = ContinuousClock.now
        guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else {
            throw StressError(description: "cannot start \(binary)")
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let elapsed = start.duration(to: .now).components
        // A figure of a command that failed measures the failure: refuse it.
        let exited = status & 0x7F == 0
        guard exited, (status >> 8) & 0xFF == 0 else {
            throw StressError(
                description: "`\(([binary] + arguments).joined(separator: " "))` ended with status \(status) (not 0)")
        }
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, Int(usage.ru_maxrss), cpu)
    }
}
