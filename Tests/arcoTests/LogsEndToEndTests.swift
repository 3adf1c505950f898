import ArcoCore
import Foundation
import Testing

/// `arco logs` on large logs, and the per-attempt log bound (`log_max`), on the real binary.
@Suite struct LogsEndToEndTests {
    /// The run's only log file, as the step left it.
    static func logFile(_ workspace: RunWorkspace, run: String, step: String) throws -> Data {
        let path = workspace.path + "/.arco/logs/\(run)/\(step)/attempt-1.log"
        return try #require(FileManager.default.contents(atPath: path), "no log at \(path)")
    }

    /// `/usr/bin/time -f %M` around `arco`: the command's result and its peak RSS in KiB.
    static func withPeakMemory(_ arguments: [String], in folder: String) throws -> (ArcoBinary.Result, Int?) {
        let report = folder + "/rss.txt"
        let result = try ArcoBinary.run(
            ["-f", "%M", "-o", report, ArcoBinary.arco] + arguments, in: folder, executable: "/usr/bin/time")
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        let kilobytes = text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (result, kilobytes)
    }

    // `make test` installs GNU time (scripts/install-deps.sh), so this never skips.
    @Test("a 50 MB log prints byte for byte, in bounded memory (peak RSS under 64 MiB)")
    func largeLogStreams() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              big: { command: 'yes "0123456789 abcdefghijklmnopqrstuvwxyz" | head -c 50000000' }
            """)
        let (status, run) = try workspace.json(["run", "big"])
        #expect(status == 0)
        let runID = try #require(run["run_id"]?.stringValue)
        let log = try Self.logFile(workspace, run: runID, step: "big")
        #expect(log.count == 50_000_000, "the default bound (100 MiB) keeps a 50 MB log whole")

        let (result, peakKiB) = try Self.withPeakMemory(["logs", runID], in: workspace.path)
        #expect(result.status == 0, "\(result.stderr)")
        // `head -c` ends mid-line; arco ends the last line so the next header starts one.
        let expected = "==> big (attempt 1) <==\n" + String(decoding: log, as: UTF8.self) + "\n"
        #expect(result.stdout.utf8.count == expected.utf8.count)
        #expect(result.stdout == expected, "the output is the header and the file, byte for byte")
        let peak = try #require(peakKiB, "no RSS figure from /usr/bin/time")
        #expect(peak < 64 * 1024, "arco logs peaked at \(peak / 1024) MiB for a 50 MB log")
        print("arco logs: peak RSS \(peak / 1024) MiB for a 50 MB log")
    }

    @Test("a step printing far more than log_max leaves the head, a line saying how many bytes were cut, and the tail")
    func logMaxKeepsHeadAndTail() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              chatty:
                command: 'i=0; while [ $i -lt 20000 ]; do echo "line $i"; i=$((i+1)); done; echo "the end" >&2'
                log_max: 4KiB
            """)
        let (status, run) = try workspace.json(["run", "chatty"])
        #expect(status == 0)
        let runID = try #require(run["run_id"]?.stringValue)
        let full = (0..<20_000).map { "line \($0)\n" }.joined() + "the end\n"
        let log = String(decoding: try Self.logFile(workspace, run: runID, step: "chatty"), as: UTF8.self)

        #expect(log.utf8.count < 4096 + 100, "bounded near log_max: \(log.utf8.count) bytes")
        #expect(log.hasPrefix("line 0\nline 1\nline 2\n"), "the head is kept")
        #expect(log.hasSuffix("line 19999\nthe end\n"), "the tail is kept, stderr included")
        let parts = log.components(separatedBy: " bytes cut here; log_max is 4KiB]\n")
        #expect(parts.count == 2, "one cut notice: \(log.prefix(300))")
        let before = try #require(parts.first)
        let noticeStart = try #require(before.range(of: "[arco: ", options: .backwards))
        let cut = try #require(Int(before[noticeStart.upperBound...]))
        // The head is the first half of log_max exactly; head + cut + tail is the whole output.
        let head = String(decoding: Array(full.utf8.prefix(2048)), as: UTF8.self)
        #expect(before.hasPrefix(head))
        #expect(full.hasSuffix(parts[1]))
        #expect(2048 + cut + parts[1].utf8.count == full.utf8.count)

        // `arco logs` prints what the file holds.
        let printed = try workspace.arco(["logs", runID])
        #expect(printed.stdout == "==> chatty (attempt 1) <==\n" + log)
    }

    @Test("--follow prints a running step's output as it is written (through the pipe) and stops when the run ends")
    func followWhileRunning() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              slow: { command: 'echo first; while [ ! -f "$ARCO_WORKSPACE/go" ]; do sleep 0.05; done; echo second' }
            """)
        let run = try workspace.start(["run", "slow"])
        defer { if run.isRunning { run.terminate() } }
        var runID: String?
        let deadline = Date().addingTimeInterval(20)
        while runID == nil && Date() < deadline {
            runID = try? workspace.latestRunID()
            if runID == nil { usleep(50_000) }
        }
        let id = try #require(runID)
        let follow = try workspace.start(["logs", id, "--follow"], stdoutFile: "followed.txt")
        defer { if follow.isRunning { follow.terminate() } }
        func followed() -> String { (try? String(contentsOfFile: workspace.path + "/followed.txt", encoding: .utf8)) ?? "" }
        while !followed().contains("first") && Date() < deadline { usleep(50_000) }
        #expect(followed() == "==> slow (attempt 1) <==\nfirst\n", "the first line arrives while the step runs")
        #expect(follow.isRunning)
        try workspace.touch("go")
        follow.waitUntilExit()
        run.waitUntilExit()
        #expect(follow.terminationStatus == 0)
        #expect(followed() == "==> slow (attempt 1) <==\nfirst\nsecond\n")
    }

    @Test("logs without --follow on a running step prints its unfinished last line as it stands")
    func unfinishedLineWithoutFollow() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              slow: { command: 'printf "whole\\npart"; while [ ! -f "$ARCO_WORKSPACE/go" ]; do sleep 0.05; done' }
            """)
        let run = try workspace.start(["run", "slow"])
        defer {
            try? workspace.touch("go")
            run.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(20)
        var printed = ""
        while !printed.contains("part") && Date() < deadline {
            if let id = try? workspace.latestRunID() { printed = (try? workspace.arco(["logs", id]).stdout) ?? "" }
            usleep(50_000)
        }
        #expect(printed == "==> slow (attempt 1) <==\nwhole\npart\n", "\(printed)")
        #expect(run.isRunning, "the step was still running when its log was read")
    }

    @Test("a step that leaves a background child holding its output ends when its own process does, its output logged")
    func backgroundChildDoesNotHoldTheStep() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              bg: { command: 'sleep 30 & echo $! > "$ARCO_WORKSPACE/child.pid"; echo done' }
            """)
        let began = Date()
        let (status, run) = try workspace.json(["run", "bg"])
        let seconds = Date().timeIntervalSince(began)
        if let child = try? pidFile(workspace.path + "/child.pid") { kill(child, SIGKILL) }
        #expect(status == 0)
        #expect(seconds < 10, "the run took \(seconds) s: the pipe held it")
        let runID = try #require(run["run_id"]?.stringValue)
        #expect(try workspace.arco(["logs", runID]).stdout == "==> bg (attempt 1) <==\ndone\n")
    }
}
