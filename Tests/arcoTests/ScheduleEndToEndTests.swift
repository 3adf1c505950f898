import ArcoCore
import Foundation
import Testing

/// `arco schedule …` on the real binary: ticks recorded once whatever races or crashes happen,
/// runs started as worker processes, and what the operator sees.
@Suite struct ScheduleEndToEndTests {
    static let hourly = """
        version: 1
        assets:
          report:
            command: \(RunWorkspace.mark)
        schedules:
          hourly: { cron: "0 * * * *", target: report, catchup: all, status: running }
          quiet: { cron: "0 * * * *", target: report }

        """

    static func ticks(_ value: JSONValue) -> [JSONValue] { value["ticks"]?.arrayValue ?? [] }

    static func eventCount(_ workspace: RunWorkspace) throws -> Int {
        try workspace.json(["events"]).value["events"]?.arrayValue?.count ?? -1
    }

    /// Waits until every run is SUCCESS (or `seconds` pass) and returns the runs.
    static func settledRuns(_ workspace: RunWorkspace, seconds: Double = 30) throws -> [JSONValue] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let runs = try workspace.json(["status", "--limit", "100"]).value["runs"]?.arrayValue ?? []
            if runs.allSatisfy({ $0["status"]?.stringValue == "SUCCESS" }) || Date() > deadline { return runs }
            usleep(100_000)
        }
    }

    @Test("a tick is recorded once with its run key; a repeated evaluation records nothing; the run executes once")
    func tickOnce() throws {
        let workspace = try RunWorkspace(Self.hourly)
        let baseline = try workspace.arco(["schedule", "tick", "hourly", "--now", "2024-01-01T00:30:00Z"])
        #expect(baseline.status == 0)
        #expect(baseline.stdout.contains("first evaluation"))
        let (status, first) = try workspace.json(["schedule", "tick", "hourly", "--now", "2024-01-01T01:00:30Z"])
        #expect(status == 0)
        let recorded = Self.ticks(first)
        #expect(recorded.count == 1)
        #expect(recorded.first?["tick_id"]?.stringValue == "hourly:1704070800")
        #expect(recorded.first?["run_key"]?.stringValue == "sched:hourly:1704070800")
        #expect(recorded.first?["status"]?.stringValue == "TRIGGERED")
        let events = try Self.eventCount(workspace)
        let (_, again) = try workspace.json(["schedule", "tick", "hourly", "--now", "2024-01-01T01:00:30Z"])
        #expect(Self.ticks(again).isEmpty)
        let runs = try Self.settledRuns(workspace)
        #expect(runs.count == 1)
        #expect(runs.first?["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["report"])
        // The worker's own events aside, the repeat recorded nothing.
        let tickEvents = try workspace.json(["events", "--type", "ScheduleTicked"]).value["events"]?.arrayValue ?? []
        #expect(tickEvents.count == 1)
        #expect(try Self.eventCount(workspace) >= events)
    }

    @Test("four concurrent `schedule tick` processes record each tick once and run each run once")
    func concurrentTicks() throws {
        let workspace = try RunWorkspace(Self.hourly)
        try workspace.arco(["schedule", "tick", "--now", "2024-01-01T00:00:00Z"])
        let processes = try (0..<4).map { _ in
            try workspace.start(["schedule", "tick", "--now", "2024-01-01T05:00:00Z"])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let history = Self.ticks(try workspace.json(["schedule", "history", "hourly"]).value)
        #expect(history.count == 5)
        #expect(Set(history.compactMap { $0["tick_id"]?.stringValue }).count == 5)
        let runs = try Self.settledRuns(workspace)
        #expect(runs.count == 5)
        #expect(Set(runs.compactMap { $0["run_key"]?.stringValue }).count == 5)
        #expect(runs.allSatisfy { $0["status"]?.stringValue == "SUCCESS" })
        #expect(workspace.markers().count == 5)
    }

    @Test("a crash between a tick and its launch is repaired by the next tick, without a second run")
    func crashBeforeLaunch() throws {
        let workspace = try RunWorkspace(Self.hourly)
        try workspace.arco(["schedule", "tick", "--now", "2024-01-01T00:00:00Z"])
        let crashed = try workspace.arco(
            ["schedule", "tick", "--now", "2024-01-01T01:00:00Z"], environment: ["ARCO_CRASH_POINT": "schedule-after-tick"])
        #expect(crashed.status != 0)
        let queued = try workspace.json(["status"]).value["runs"]?.arrayValue ?? []
        #expect(queued.count == 1)
        #expect(queued.first?["status"]?.stringValue == "QUEUED")
        let repair = try workspace.arco(["schedule", "tick", "--now", "2024-01-01T01:00:00Z"])
        #expect(repair.status == 0)
        #expect(repair.stdout.contains("started a worker"))
        let runs = try Self.settledRuns(workspace)
        #expect(runs.count == 1)
        #expect(runs.first?["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["report"])
        #expect(Self.ticks(try workspace.json(["schedule", "history", "hourly"]).value).count == 1)
    }

    @Test("--no-launch queues the run and --dry-run writes nothing; a later tick launches the queued run")
    func noLaunchAndDryRun() throws {
        let workspace = try RunWorkspace(Self.hourly)
        try workspace.arco(["schedule", "tick", "--now", "2024-01-01T00:00:00Z"])
        let events = try Self.eventCount(workspace)
        let (_, dry) = try workspace.json(["schedule", "tick", "--now", "2024-01-01T02:00:00Z", "--dry-run"])
        #expect(Self.ticks(dry).count == 2)
        #expect(Self.ticks(dry).allSatisfy { $0["run_id"] == .null })
        #expect(try Self.eventCount(workspace) == events)
        let (_, queued) = try workspace.json(["schedule", "tick", "--now", "2024-01-01T02:00:00Z", "--no-launch"])
        #expect(Self.ticks(queued).count == 2)
        usleep(300_000)
        #expect(workspace.markers().isEmpty)
        try workspace.arco(["schedule", "tick", "--now", "2024-01-01T02:00:00Z"])
        let runs = try Self.settledRuns(workspace)
        #expect(runs.count == 2)
        #expect(workspace.markers().count == 2)
    }

    @Test("start and stop: the recorded status wins over the file, and a restart never runs what it missed")
    func startStop() throws {
        let workspace = try RunWorkspace(Self.hourly)
        #expect(try workspace.arco(["schedule", "tick", "quiet", "--now", "2024-01-01T00:00:00Z"]).stdout.contains("stopped"))
        #expect(try workspace.json(["schedule", "start", "quiet"]).value["changed"] == .bool(true))
        #expect(try workspace.json(["schedule", "start", "quiet"]).value["changed"] == .bool(false))
        try workspace.arco(["schedule", "tick", "quiet", "--now", "2024-01-01T00:00:00Z", "--no-launch"])
        let (_, running) = try workspace.json(["schedule", "tick", "quiet", "--now", "2024-01-01T01:00:00Z", "--no-launch"])
        #expect(Self.ticks(running).count == 1)
        try workspace.arco(["schedule", "stop", "quiet"])
        let (_, stopped) = try workspace.json(["schedule", "tick", "quiet", "--now", "2024-01-01T05:00:00Z", "--no-launch"])
        #expect(Self.ticks(stopped).isEmpty)
        try workspace.arco(["schedule", "start", "quiet"])
        let (_, restarted) = try workspace.json(["schedule", "tick", "quiet", "--now", "2024-01-01T06:30:00Z", "--no-launch"])
        #expect(Self.ticks(restarted).isEmpty)
        let (_, next) = try workspace.json(["schedule", "tick", "quiet", "--now", "2024-01-01T07:00:00Z", "--no-launch"])
        #expect(Self.ticks(next).map { $0["tick_id"]?.stringValue } == ["quiet:1704092400"])
        let list = try workspace.json(["schedule", "list", "--now", "2024-01-01T07:00:00Z"]).value
        let quiet = list["schedules"]?.arrayValue?.first { $0["name"]?.stringValue == "quiet" }
        #expect(quiet?["status"]?.stringValue == "RUNNING")
        #expect(quiet?["status_source"]?.stringValue == "recorded")
        #expect(quiet?["next_tick"]?.stringValue == "2024-01-01T08:00:00+00:00")
        #expect(quiet?["last_tick"]?["tick_id"]?.stringValue == "quiet:1704092400")
    }

    @Test("an edited cron starts over: no tick of the old cron, nor of the new one from before the edit, runs")
    func cronEdit() throws {
        let workspace = try RunWorkspace(Self.hourly)
        try workspace.arco(["schedule", "tick", "hourly", "--now", "2024-01-01T00:00:00Z", "--no-launch"])
        #expect(Self.ticks(try workspace.json(["schedule", "tick", "hourly", "--now", "2024-01-01T01:00:00Z", "--no-launch"]).value).count == 1)
        try workspace.folder.write("arco.yaml", Self.hourly.replacingOccurrences(of: "0 * * * *\", target: report, catchup: all", with: "30 * * * *\", target: report, catchup: all"))
        let edited = try workspace.arco(["schedule", "tick", "hourly", "--now", "2024-01-01T05:00:00Z", "--no-launch"])
        #expect(edited.stdout.contains("cron or timezone changed"))
        #expect(edited.stdout.contains("no tick due"))
        let (_, next) = try workspace.json(["schedule", "tick", "hourly", "--now", "2024-01-01T05:30:00Z", "--no-launch"])
        #expect(Self.ticks(next).map { $0["tick_id"]?.stringValue } == ["hourly:1704087000"])
    }

    @Test("a tick before the first partition ends is SKIPPED; after the target is renamed away it is FAILED; neither requests a run")
    func skippedAndFailed() throws {
        let yaml = """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01 }
            assets:
              orders: { command: "true", partitions: daily }
            schedules:
              nightly: { cron: "0 6 * * *", target: orders, catchup: all, status: running }

            """
        let workspace = try RunWorkspace(yaml)
        try workspace.arco(["schedule", "tick", "--now", "2023-12-31T12:00:00Z", "--no-launch"])
        let (_, early) = try workspace.json(["schedule", "tick", "--now", "2024-01-01T07:00:00Z", "--no-launch"])
        #expect(Self.ticks(early).map { $0["status"]?.stringValue } == ["SKIPPED"])
        #expect(Self.ticks(early).first?["reason"]?.stringValue?.contains("no partition that ended") == true)
        try workspace.folder.write("arco.yaml", yaml.replacingOccurrences(of: "target: orders", with: "target: order"))
        let (_, failed) = try workspace.json(["schedule", "tick", "--now", "2024-01-02T07:00:00Z", "--no-launch"])
        #expect(Self.ticks(failed).map { $0["status"]?.stringValue } == ["FAILED"])
        #expect(Self.ticks(failed).first?["reason"]?.stringValue?.contains("order") == true)
        #expect(Self.ticks(failed).first?["run_key"] == .null)
        #expect((try workspace.json(["status"]).value["runs"]?.arrayValue ?? []).isEmpty)
        let (_, history) = try workspace.json(["schedule", "history", "nightly", "--status", "failed"])
        #expect(Self.ticks(history).count == 1)
    }

    @Test("the line cron runs, `arco schedule tick` on the clock, with or without --workspace")
    func cronLine() throws {
        let workspace = try RunWorkspace(Self.hourly)
        let here = try workspace.arco(["schedule", "tick"])
        #expect(here.status == 0)
        #expect(here.stdout.contains("hourly: first evaluation"))
        let elsewhere = try ArcoBinary.run(["--workspace", workspace.path, "schedule", "tick"], in: NSTemporaryDirectory())
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stdout.hasSuffix("no tick due\n") || elsewhere.stdout.contains(" recorded"))
        let missing = try ArcoBinary.run(["schedule", "tick", "--workspace", workspace.path + "/nope"], in: NSTemporaryDirectory())
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("error:"))
    }

    @Test("bad input: unknown schedule 66 with nearest names, stopped schedule named says so, bad --now 64")
    func badInput() throws {
        let workspace = try RunWorkspace(Self.hourly)
        let unknown = try workspace.arco(["schedule", "tick", "hourli"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("error: unknown schedule 'hourli'; nearest: hourly\n"), "\(unknown.stderr)")
        let unlike = try workspace.arco(["schedule", "history", "zzzzzzzz"])
        #expect(unlike.status == 66)
        #expect(unlike.stderr.contains("error: unknown schedule 'zzzzzzzz'; declared: hourly, quiet\n"), "\(unlike.stderr)")
        #expect(unknown.stderr.contains("hint: list the schedules with `arco schedule list`"))
        let events = try Self.eventCount(workspace)
        let stopped = try workspace.arco(["schedule", "tick", "quiet", "--now", "2024-01-01T05:00:00Z"])
        #expect(stopped.status == 0)
        #expect(stopped.stdout.contains("quiet: stopped, nothing evaluated; start it with `arco schedule start quiet`"))
        #expect(try Self.eventCount(workspace) == events)
        for bad in ["2024-01-01", "2024-01-01T05:00:00", "yesterday"] {
            let result = try workspace.arco(["schedule", "tick", "--now", bad])
            #expect(result.status == 64)
            #expect(result.stderr.contains("error: --now '\(bad)' is not an ISO 8601 instant"))
            #expect(result.stderr.contains("hint:"))
        }
        let preview = try workspace.arco(["schedule", "preview", "hourly", "--until", "2024-01-02"])
        #expect(preview.status == 64)
        #expect(try workspace.arco(["schedule", "history", "nope"]).status == 66)
        #expect(try workspace.arco(["schedule", "start", "nope"]).status == 66)
    }

    @Test("a step larger than its field is refused by validate, naming the schedule")
    func stepTooLarge() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              report: { command: "true" }
            schedules:
              every90: { cron: "*/90 * * * *", target: report }

            """)
        let result = try workspace.arco(["validate"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("every90"))
        #expect(result.stderr.contains("*/90"))
    }

    @Test("preview lists ticks with the zone's offset, across a DST change, as text and JSON")
    func preview() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              report: { command: "true" }
            schedules:
              berlin: { cron: ["30 2 * * *", "0 12 * * 0"], timezone: Europe/Berlin, target: report }

            """)
        let (status, value) = try workspace.json(
            ["schedule", "preview", "berlin", "--from", "2024-03-30T00:00:00Z", "--until", "2024-04-01T00:00:00Z"])
        #expect(status == 0)
        #expect(value["schedule"]?.stringValue == "berlin")
        // 02:30 does not exist on 31 March: a daily tick moves to the end of the gap.
        #expect(value["ticks"]?.arrayValue?.compactMap(\.stringValue) == [
            "2024-03-30T02:30:00+01:00", "2024-03-31T03:00:00+02:00", "2024-03-31T12:00:00+02:00",
        ])
        let text = try workspace.arco(["schedule", "preview", "berlin", "--from", "2024-03-30T00:00:00Z", "--count", "2"])
        #expect(text.stdout == "2024-03-30T02:30:00+01:00\n2024-03-31T03:00:00+02:00\n")
    }
}
