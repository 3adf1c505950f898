import ArcoCore
import Foundation
import Testing

/// kill -9 of backfill drivers and workers, and drivers racing: every partition still runs once.
@Suite struct BackfillCrashTests {
    /// `days` over `count` days; each execution appends its step key to `markers`.
    static func yaml(days count: Int, command: String = RunWorkspace.mark + "; sleep 0.05") -> String {
        let end = Calendar(identifier: .gregorian).date(
            byAdding: .day, value: count, to: ISO8601DateFormatter().date(from: "2024-01-01T00:00:00Z")!)!
        let day = ISO8601DateFormatter().string(from: end).prefix(10)
        return """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: \(day) }
            assets:
              days: { command: '\(command)', partitions: daily }
            """
    }

    static func detached(_ workspace: RunWorkspace, _ extra: [String] = []) throws -> String {
        let result = try workspace.arco(["backfill", "create", "--select", "days", "--all", "--detach"] + extra)
        guard result.status == 0 else { throw RunTestError("create failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("kill -9 of the driver at random moments of a 200-partition backfill, then resume: each partition once")
    func killedDriver() throws {
        let workspace = try RunWorkspace(Self.yaml(days: 200))
        let id = try Self.detached(workspace)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let driver = try workspace.start(["backfill", "resume", id])
            usleep(UInt32.random(in: 50_000...400_000, using: &generator))
            kill(driver.processIdentifier, SIGKILL)
            driver.waitUntilExit()
        }
        let (status, backfill) = try workspace.json(["backfill", "resume", id])
        #expect(status == 0)
        #expect(backfill["status"]?.stringValue == "SUCCEEDED")
        #expect(backfill["counts"]?["succeeded"]?.intValue == 200)
        // The last resume returns only once every run ended, killed drivers' workers included.
        let markers = workspace.markers()
        #expect(markers.count == 200, "executions: \(markers.count)")
        #expect(Set(markers).count == 200, "a partition ran twice")
        let runs = try workspace.json(["status", "--limit", "1000"]).value["runs"]?.arrayValue ?? []
        #expect(runs.count == 200, "one run per partition")
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
        #expect(try workspace.arco(["doctor"]).status == 0)
    }

    @Test("two drivers on the same backfill never run a partition twice")
    func twoDrivers() throws {
        let workspace = try RunWorkspace(Self.yaml(days: 60))
        let id = try Self.detached(workspace)
        let drivers = try (0..<2).map { _ in try workspace.start(["backfill", "resume", id]) }
        for driver in drivers { driver.waitUntilExit() }
        #expect(drivers.allSatisfy { $0.terminationStatus == 0 })
        let markers = workspace.markers()
        #expect(markers.count == 60)
        #expect(Set(markers).count == 60, "a partition ran twice")
        #expect(try workspace.json(["backfill", "status", id]).value["status"]?.stringValue == "SUCCEEDED")
    }

    @Test("a worker that dies before claiming its run: the driver starts another, and the backfill finishes")
    func workerDiesBeforeClaim() throws {
        let workspace = try RunWorkspace(Self.yaml(days: 5))
        let id = try Self.detached(workspace)
        let driver = try workspace.start(["backfill", "resume", id], environment: [
            "ARCO_CRASH_POINT": "worker-before-claim", "ARCO_CRASH_ONCE": workspace.path + "/crashed",
        ])
        let deadline = Date().addingTimeInterval(20)
        while driver.isRunning && Date() < deadline { usleep(50_000) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
        #expect(workspace.exists("crashed"), "no worker died, so this proves nothing")
        #expect(driver.terminationStatus == 0, "the driver waited for a run nobody would claim")
        #expect(try workspace.json(["backfill", "status", id]).value["status"]?.stringValue == "SUCCEEDED")
        #expect(workspace.markers().sorted() == (1...5).map { String(format: "days[2024-01-%02d]", $0) })
    }

    @Test("pause while driving: runs in flight finish, nothing new starts, the driver returns; resume finishes the rest")
    func pauseWhileDriving() throws {
        let workspace = try RunWorkspace(Self.yaml(days: 12, command: RunWorkspace.mark + "; sleep 0.3"))
        let id = try Self.detached(workspace, ["--max-concurrent-runs", "2"])
        let driver = try workspace.start(["backfill", "resume", id])
        let deadline = Date().addingTimeInterval(10)
        while workspace.markers().isEmpty && Date() < deadline { usleep(20_000) }
        #expect(try workspace.arco(["backfill", "pause", id]).status == 0)
        driver.waitUntilExit()
        #expect(driver.terminationStatus == 0)
        let paused = try workspace.json(["backfill", "status", id]).value
        #expect(paused["status"]?.stringValue == "PAUSED")
        #expect(paused["counts"]?["running"]?.intValue == 0)
        #expect(paused["counts"]?["queued"]?.intValue == 0)
        let ranSoFar = workspace.markers().count
        #expect(ranSoFar < 12, "the pause stopped nothing")
        usleep(500_000)
        #expect(workspace.markers().count == ranSoFar, "a run started after the pause")
        let (status, resumed) = try workspace.json(["backfill", "resume", id])
        #expect(status == 0)
        #expect(resumed["status"]?.stringValue == "SUCCEEDED")
        #expect(Set(workspace.markers()).count == 12)
        #expect(workspace.markers().count == 12)
    }

    @Test("cancel --terminate stops the runs executing now; without it they finish")
    func cancelTerminate() throws {
        let workspace = try RunWorkspace(Self.yaml(days: 6, command: RunWorkspace.mark + "; sleep 30"))
        let id = try Self.detached(workspace, ["--max-concurrent-runs", "2"])
        let driver = try workspace.start(["backfill", "resume", id])
        let deadline = Date().addingTimeInterval(10)
        while workspace.markers().count < 2 && Date() < deadline { usleep(20_000) }
        let began = Date()
        let (status, canceled) = try workspace.json(["backfill", "cancel", id, "--terminate"])
        #expect(status == 0)
        #expect(canceled["status"]?.stringValue == "CANCELED")
        driver.waitUntilExit()
        #expect(driver.terminationStatus == 1, "a canceled backfill exits 1")
        var row = try workspace.json(["backfill", "status", id]).value
        while row["counts"]?["canceled"]?.intValue != 2 && Date().timeIntervalSince(began) < 10 {
            usleep(100_000)
            row = try workspace.json(["backfill", "status", id]).value
        }
        #expect(row["counts"]?["canceled"]?.intValue == 2, "the two running partitions were stopped")
        #expect(Date().timeIntervalSince(began) < 10)
        #expect(workspace.markers().count == 2, "nothing new started after the cancel")
    }

    @Test("a worker killed mid-step: its partition is requested again as attempt 2 and is not a failure")
    func killedWorker() throws {
        let command = RunWorkspace.mark
            + #"; if [ "$ARCO_PARTITION_KEY" = 2024-01-02 ] && [ ! -f "$ARCO_WORKSPACE/once" ]; then touch "$ARCO_WORKSPACE/once"; echo $$ > "$ARCO_WORKSPACE/step.pid"; sleep 30; fi"#
        let workspace = try RunWorkspace(Self.yaml(days: 4, command: command))
        let id = try Self.detached(workspace)
        let driver = try workspace.start(["backfill", "resume", id])
        workspace.waitForPID("step.pid", seconds: 15)
        let rows = try workspace.json(["backfill", "status", id, "--partitions"]).value["partitions"]?.arrayValue ?? []
        let runID = try #require(rows.first { $0["partition"]?.stringValue == "2024-01-02" }?["run_id"]?.stringValue)
        let worker = try #require(RunCrashTests.workerPID(of: runID))
        kill(worker, SIGKILL)
        driver.waitUntilExit()
        #expect(driver.terminationStatus == 0)
        let (_, backfill) = try workspace.json(["backfill", "status", id, "--partitions"])
        #expect(backfill["status"]?.stringValue == "SUCCEEDED")
        #expect(backfill["counts"]?["failed"]?.intValue == 0)
        let retried = try #require(backfill["partitions"]?.arrayValue?.first { $0["partition"]?.stringValue == "2024-01-02" })
        #expect(retried["run_id"]?.stringValue != nil)
        #expect(retried["run_id"]?.stringValue != runID)
        let runs = try workspace.json(["status", "--limit", "10"]).value["runs"]?.arrayValue ?? []
        #expect(runs.contains { $0["run_key"]?.stringValue?.hasSuffix(":2") == true })
        #expect(workspace.markers().filter { $0 == "days[2024-01-02]" }.count == 2, "executed again only because it died mid-step")
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }
}
