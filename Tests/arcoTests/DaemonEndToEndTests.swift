import ArcoCore
import Foundation
import Testing

/// `arco daemon` as real processes on one workspace: takeover after a pause longer than the
/// lease and after kill -9, the deposed leader's refused write, `--once` against the commands it
/// composes, and bad input (docs/daemon.md, docs/adr/0022-daemon.md).
@Suite(.serialized) struct DaemonEndToEndTests {
    /// One run per minute; catch-up `all`, one tick per evaluation, so a daemon started with a
    /// baseline twelve minutes back ticks one old minute per pass: ticks keep being recorded
    /// through the whole takeover window.
    static let minutely = """
        version: 1
        assets:
          report:
            command: \(RunWorkspace.mark)
        schedules:
          every: { cron: "* * * * *", target: report, catchup: all, max_catchup_ticks: 1, status: running }

        """

    /// A daemon started in the background with its JSON Lines log in `name`.
    final class DaemonProcess {
        let process: Process
        let logPath: String

        init(
            _ workspace: RunWorkspace, name: String, lease: String = "2s", interval: String = "1s",
            environment: [String: String] = [:]
        ) throws {
            logPath = workspace.path + "/" + name
            process = try workspace.start(
                ["daemon", "--interval", interval, "--lease", lease, "--json"], environment: environment, stdoutFile: name)
        }

        /// Whether the process is stopped (SIGSTOP): state `T` in /proc.
        var isStopped: Bool {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            guard let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("T")
        }

        var pid: Int32 { process.processIdentifier }

        /// The log lines so far, parsed.
        func lines() -> [JSONValue] {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        }

        /// Waits until a line with `action` appears; returns it, or nil after `seconds`.
        @discardableResult
        func waitFor(_ action: String, seconds: Double) -> JSONValue? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let line = lines().first(where: { $0["action"]?.stringValue == action }) { return line }
                usleep(50_000)
            }
            return nil
        }

        /// SIGTERM, then the exit status (nil if it did not exit within 10 s).
        func stop() -> Int32? {
            // Never signal a pid that has exited: it may already name another test's process.
            guard process.isRunning else { return process.terminationStatus }
            kill(process.processIdentifier, SIGCONT)
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            guard !process.isRunning else {
                kill(process.processIdentifier, SIGKILL)
                return nil
            }
            return process.terminationStatus
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static func leaderPID(_ workspace: RunWorkspace) throws -> Int64? {
        try workspace.json(["daemon", "status"]).value["leader"]?["pid"]?.intValue
    }

    static func iso(secondsAgo: Double) -> String {
        Timestamp(microsecondsSinceEpoch: Int64((Date().timeIntervalSince1970 - secondsAgo) * 1_000_000)).iso8601
    }

    @Test("SIGSTOP the leader between deciding and writing, past its lease: the standby takes over, the old leader's write is refused by the fence and logged, every tick fires once")
    func pausedLeader() throws {
        let workspace = try RunWorkspace(Self.minutely)
        try workspace.arco(["schedule", "tick", "--no-launch", "--now", Self.iso(secondsAgo: 12 * 60)])
        // The first daemon stops itself (SIGSTOP) in its first pass, after deciding to tick and
        // before writing, with its lease thread held: after SIGCONT its write, not a renewal, is
        // the first to meet the new token, so only the fence can refuse it.
        let first = try DaemonProcess(workspace, name: "first.log", environment: ["ARCO_STOP_POINT": "daemon-before-write"])
        #expect(first.waitFor("lead", seconds: 10) != nil)
        let deadline0 = Date().addingTimeInterval(10)
        while !first.isStopped && Date() < deadline0 { usleep(20_000) }
        #expect(first.isStopped, "the first daemon stopped itself")
        let stopped = Date()
        let second = try DaemonProcess(workspace, name: "second.log")
        let lead = second.waitFor("lead", seconds: 8)
        #expect(lead?["token"]?.intValue == 2, "the standby took over with the next token")
        // The leader stays stopped 5 s in all, more than twice its lease.
        let left = 5 - Date().timeIntervalSince(stopped)
        if left > 0 { usleep(UInt32(left * 1_000_000)) }
        #expect(try Self.leaderPID(workspace) == Int64(second.pid))
        kill(first.pid, SIGCONT)
        let fenced = first.waitFor("fenced", seconds: 8)
        #expect(fenced?["mine"]?.intValue == 1 && fenced?["current"]?.intValue == 2, "\(first.lines())")
        #expect(fenced?["why"]?.stringValue?.contains("fenced") == true)
        // Refused by the fence check in the write transaction, not noticed by a renewal: with the
        // check deleted this line would not say `fence`.
        #expect(fenced?["subject"]?.stringValue == "fence", "\(first.lines())")
        #expect(try Self.leaderPID(workspace) == Int64(second.pid), "daemon status shows the new leader")
        // Every minute since the baseline is ticked once, by one leader or the other.
        let deadline = Date().addingTimeInterval(40)
        var history: [JSONValue] = []
        while Date() < deadline {
            history = try workspace.json(["schedule", "history", "every"]).value["ticks"]?.arrayValue ?? []
            if history.count >= 12 { break }
            usleep(200_000)
        }
        let ids = history.compactMap { $0["tick_id"]?.stringValue }
        #expect(ids.count >= 12)
        #expect(Set(ids).count == ids.count, "a tick id recorded twice: \(ids)")
        let runs = try ScheduleEndToEndTests.settledRuns(workspace, seconds: 40)
        #expect(Set(runs.compactMap { $0["run_key"]?.stringValue }).count == runs.count)
        #expect(workspace.markers().count == runs.count, "each run executed once")
        #expect(first.stop() == 0)
        #expect(second.stop() == 0)
        #expect(try Self.leaderPID(workspace) == nil, "the leader released the lease on SIGTERM")
    }

    @Test("kill -9 of the leader: the standby takes over within lease + one interval")
    func killedLeader() throws {
        let workspace = try RunWorkspace(Self.minutely)
        let first = try DaemonProcess(workspace, name: "first.log")
        #expect(first.waitFor("lead", seconds: 10) != nil)
        let second = try DaemonProcess(workspace, name: "second.log")
        #expect(second.waitFor("standby", seconds: 10) != nil)
        kill(first.pid, SIGKILL)
        let killed = Date()
        #expect(second.waitFor("lead", seconds: 10) != nil)
        let takeover = Date().timeIntervalSince(killed)
        // The bound: lease (2 s) + one interval (1 s). The lease runs from the last renewal,
        // before the kill, and the standby looks every min(interval, lease/3).
        let bound: Double = 2 + 1
        #expect(takeover < bound, "took \(takeover) s")
        #expect(try Self.leaderPID(workspace) == Int64(second.pid))
        #expect(second.stop() == 0)
    }

    /// The ledger events automation decides (not those of the runs' execution), as
    /// (type, idempotency key) pairs.
    static func decisions(_ workspace: RunWorkspace) throws -> [String] {
        let types: Set = ["ScheduleTicked", "ScheduleBaselineSet", "SensorEvaluated", "RunRequested", "AutomationEvaluated"]
        let events = try workspace.json(["events"]).value["events"]?.arrayValue ?? []
        return events.compactMap { event in
            guard let type = event["type"]?.stringValue, types.contains(type) else { return nil }
            return type + " " + (event["idempotency_key"]?.stringValue ?? "?")
        }.sorted()
    }

    /// Nothing the launched runs materialize is watched or automated, so what the commands
    /// decide does not depend on how fast those runs finish.
    static let composed = """
        version: 1
        assets:
          raw: { command: "true" }
          clean: { command: "true" }
          other: { command: "true" }
        schedules:
          hourly: { cron: "0 * * * *", target: clean, catchup: all, status: running }
        sensors:
          downstream: { kind: asset, watch: raw, target: clean, status: running }
        automation:
          other: on_missing

        """

    @Test("`daemon --once` records what schedule tick, sensor eval and reconcile tick record by hand at the same --now")
    func onceEqualsCommands() throws {
        let byDaemon = try RunWorkspace(Self.composed)
        let byHand = try RunWorkspace(Self.composed)
        for workspace in [byDaemon, byHand] {
            try workspace.arco(["schedule", "tick", "--no-launch", "--now", "2024-01-01T00:30:00Z"])
            try workspace.arco(["sensor", "eval", "--no-launch", "--now", "2024-01-01T00:30:00Z"])
            try workspace.arco(["asset", "report", "raw", "--data-version", "v1"])
        }
        let once = try byDaemon.arco(["daemon", "--once", "--now", "2024-01-01T03:00:30Z"])
        #expect(once.status == 0, "\(once.stderr)")
        for command in [["schedule", "tick"], ["sensor", "eval"], ["reconcile", "tick"]] {
            let result = try byHand.arco(command + ["--now", "2024-01-01T03:00:30Z"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let daemon = try Self.decisions(byDaemon)
        let hand = try Self.decisions(byHand)
        #expect(daemon == hand)
        #expect(daemon.contains { $0.hasPrefix("ScheduleTicked") })
        #expect(daemon.contains { $0.hasPrefix("SensorEvaluated") })
        #expect(daemon.contains { $0.hasPrefix("RunRequested runreq:automation:") })
    }

    @Test("the daemon drives a detached backfill to the end: each partition's run executes once")
    func drivesBackfill() throws {
        let workspace = try RunWorkspace(BackfillEndToEndTests.yaml)
        let (status, created) = try workspace.json([
            "backfill", "create", "--select", "days", "--from", "2024-01-01", "--to", "2024-01-06",
            "--max-concurrent-runs", "2", "--detach",
        ])
        #expect(status == 0)
        let id = try #require(created["backfill_id"]?.stringValue)
        #expect(try workspace.json(["backfill", "status", id]).value["driven"] == .bool(false))
        let daemon = try DaemonProcess(workspace, name: "daemon.log")
        #expect(daemon.waitFor("lead", seconds: 10) != nil)
        #expect(try workspace.json(["backfill", "status", id]).value["driven"] == .bool(true), "the leading daemon drives it")
        let deadline = Date().addingTimeInterval(60)
        var backfill: JSONValue = .null
        while Date() < deadline {
            backfill = try workspace.json(["backfill", "status", id]).value
            if backfill["status"]?.stringValue == "SUCCEEDED" { break }
            usleep(200_000)
        }
        #expect(backfill["status"]?.stringValue == "SUCCEEDED", "\(backfill)")
        // Six days, one run each, each executed once.
        #expect(workspace.markers().count == 6, "\(workspace.markers())")
        #expect(daemon.lines().contains { $0["action"]?.stringValue == "launch" && $0["subject"]?.stringValue == "backfill" })
        // Its decisions are lines too: the runs it requested and its state changes.
        let backfillLines = daemon.lines().filter { $0["action"]?.stringValue == "backfill" && $0["subject"]?.stringValue == id }
        #expect(backfillLines.filter { $0["run_id"]?.stringValue != nil }.count == 6, "\(backfillLines)")
        #expect(backfillLines.contains { $0["why"]?.stringValue?.hasSuffix("-> SUCCEEDED") == true }, "\(backfillLines)")
        #expect(daemon.stop() == 0)
    }

    /// A backfill's decisions with its id (random per workspace) replaced, and run requests
    /// without their fingerprints (which name the backfill too).
    static func backfillDecisions(_ workspace: RunWorkspace, id: String) throws -> [String] {
        let types: Set = ["BackfillStateChanged", "BackfillChunkPlanned", "RunRequested"]
        let events = try workspace.json(["events"]).value["events"]?.arrayValue ?? []
        return events.compactMap { event -> String? in
            guard let type = event["type"]?.stringValue, types.contains(type),
                var key = event["idempotency_key"]?.stringValue
            else { return nil }
            key = key.replacingOccurrences(of: id, with: "BF")
            if type == "RunRequested", let colon = key.lastIndex(of: ":") { key = String(key[..<colon]) }
            return type + " " + key
        }.sorted()
    }

    @Test("`daemon --once` pass after pass drives a backfill to the same decisions as `arco worker --once`")
    func onceDrivesBackfillLikeWorker() throws {
        let byDaemon = try RunWorkspace(BackfillEndToEndTests.yaml)
        let byWorker = try RunWorkspace(BackfillEndToEndTests.yaml)
        let create = ["backfill", "create", "--select", "days+", "--from", "2024-01-01", "--to", "2024-01-09", "--max-concurrent-runs", "2", "--detach"]
        let daemonID = try #require(try byDaemon.json(create).value["backfill_id"]?.stringValue)
        let workerID = try #require(try byWorker.json(create).value["backfill_id"]?.stringValue)
        #expect(try byWorker.arco(["worker", "--once"]).status == 0)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            #expect(try byDaemon.arco(["daemon", "--once"]).status == 0)
            if try byDaemon.json(["backfill", "status", daemonID]).value["status"]?.stringValue == "SUCCEEDED" { break }
            usleep(200_000)
        }
        #expect(try byDaemon.json(["backfill", "status", daemonID]).value["status"]?.stringValue == "SUCCEEDED")
        let daemon = try Self.backfillDecisions(byDaemon, id: daemonID)
        let worker = try Self.backfillDecisions(byWorker, id: workerID)
        #expect(daemon == worker)
        #expect(daemon.contains { $0.hasPrefix("BackfillChunkPlanned") })
        #expect(byDaemon.markers().sorted() == byWorker.markers().sorted())
    }

    @Test("bad input: an invalid --interval is a usage error; a read-only store is a clear error")
    func badInput() throws {
        let workspace = try RunWorkspace(Self.minutely)
        let interval = try workspace.arco(["daemon", "--interval", "soon"])
        #expect(interval.status == 64)
        #expect(interval.stderr.contains("--interval 'soon'"))
        let zero = try workspace.arco(["daemon", "--once", "--lease", "0s"])
        #expect(zero.status == 64)
        let disk = try SmallDisk(megabytes: 8)
        let folder = disk.path + "/ws"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.minutely.write(toFile: folder + "/arco.yaml", atomically: true, encoding: .utf8)
        #expect(try ArcoBinary.run(["daemon", "--once"], in: folder).status == 0)
        let remount = try ArcoBinary.run(["-o", "remount,ro", disk.path], in: "/", executable: "/usr/bin/mount")
        #expect(remount.status == 0, "\(remount.stderr)")
        defer { _ = try? ArcoBinary.run(["-o", "remount,rw", disk.path], in: "/", executable: "/usr/bin/mount") }
        // A second daemon on the store, now read-only: it cannot even ask for the lease.
        let readOnly = try ArcoBinary.run(["daemon", "--once"], in: folder)
        #expect(readOnly.status == 69, "\(readOnly.stderr)")
        #expect(readOnly.stderr.hasPrefix("error: "), "\(readOnly.stderr)")
        #expect(readOnly.stderr.contains("hint: "))
    }

    @Test("`daemon --once`: silent when nothing is due; a pass whose parts failed exits with the first failure, lease released")
    func onceExitStatus() throws {
        let workspace = try RunWorkspace("version: 1\nassets:\n  a: { command: \"true\" }\n")
        let quiet = try workspace.arco(["daemon", "--once"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty, "nothing due, nothing said: \(quiet.stdout)")
        // daemon status in words for people: no raw JSON for the parts.
        let status = try workspace.arco(["daemon", "status"])
        #expect(status.stdout.contains("  schedules: 0 ticks, 0 runs started"), "\(status.stdout)")
        #expect(status.stdout.contains("  automation: no automation: conditions"), "\(status.stdout)")
        #expect(!status.stdout.contains("{"), "\(status.stdout)")
        try workspace.folder.write("arco.yaml", "version: 1\nassets: [oops\n")
        let broken = try workspace.arco(["daemon", "--once"])
        #expect(broken.status == 65, "\(broken.stdout) \(broken.stderr)")
        #expect(broken.stderr.hasPrefix("error: "), "\(broken.stderr)")
        #expect(try Self.leaderPID(workspace) == nil, "the lease was released")
    }

    @Test("arco.yaml broken while the daemon runs: said once, the last good definitions keep ticking")
    func brokenDefinitions() throws {
        let workspace = try RunWorkspace(Self.minutely)
        try workspace.arco(["schedule", "tick", "--no-launch", "--now", Self.iso(secondsAgo: 30 * 60)])
        let daemon = try DaemonProcess(workspace, name: "daemon.log")
        #expect(daemon.waitFor("tick", seconds: 10) != nil)
        try workspace.folder.write("arco.yaml", "version: 1\nassets: [oops\n")
        #expect(daemon.waitFor("definitions", seconds: 10) != nil)
        let ticksBefore = daemon.lines().filter { $0["action"]?.stringValue == "tick" }.count
        usleep(3_500_000)
        let lines = daemon.lines()
        #expect(lines.filter { $0["action"]?.stringValue == "definitions" }.count == 1, "\(lines)")
        #expect(lines.filter { $0["action"]?.stringValue == "tick" }.count > ticksBefore, "the last good schedule kept ticking")
        // Fixed, with a schedule added: the next pass picks it up.
        try workspace.folder.write(
            "arco.yaml", Self.minutely + "  added: { cron: \"0 0 1 1 *\", target: report, status: running }\n")
        let added = daemon.waitFor("schedule", seconds: 10)
        #expect(added?["subject"]?.stringValue == "added", "\(daemon.lines())")
        #expect(daemon.stop() == 0)
        let history = try workspace.json(["schedule", "history", "every"]).value["ticks"]?.arrayValue ?? []
        let ids = history.compactMap { $0["tick_id"]?.stringValue }
        #expect(Set(ids).count == ids.count)
    }
}
