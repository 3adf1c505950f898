import ArcoCore
import ArcoEngine
import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// Runs whose executing process is gone are failed by the next reader, with the reason.
@Suite struct LostRunTests {
    static func claimed(_ fixture: EngineTests.Fixture, host: String, pid: Int64) throws {
        try fixture.engine.record([
            EventDraft(EventBuilders.runRequested("r1", assets: ["a"])),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: pid, host: host)),
            EventDraft(EventBuilders.stepStarted("r1", "a")),
        ])
    }

    @Test("a run claimed on another host is lost only after 60 s without a heartbeat (SQLite, PostgreSQL)", arguments: [false, true])
    func otherHostHeartbeat(postgres: Bool) throws {
        let fixture = try EngineTests.Fixture(postgres: postgres)
        try Self.claimed(fixture, host: "elsewhere.example", pid: 4242)
        fixture.clock.advance(bySeconds: 45)
        #expect(try fixture.engine.reapLostRuns().isEmpty, "45 s after the claim is not yet lost")
        fixture.engine.beat("r1")
        // A shared store keeps the beat as a row, for hosts that share no folder; SQLite as a file.
        let file = fixture.root + "/.arco/heartbeats/r1"
        #expect(FileManager.default.fileExists(atPath: file) == !postgres)
        if postgres { #expect(try fixture.engine.store().heartbeats?.lastHeartbeat("r1") == fixture.clock.now()) }
        fixture.clock.advance(bySeconds: 50)
        #expect(try fixture.engine.reapLostRuns().isEmpty, "a beat 50 s ago keeps it alive")
        fixture.clock.advance(bySeconds: 20)
        #expect(try fixture.engine.reapLostRuns() == ["r1"])
        let (run, steps) = try fixture.engine.runDetail("r1")
        #expect(run.status == .failure)
        #expect(run.reason == "worker lost: worker process 4242 on host elsewhere.example sent no heartbeat for 70 s")
        #expect(steps.map(\.status) == [.failure])
        if postgres { #expect(try fixture.engine.store().heartbeats?.lastHeartbeat("r1") == nil, "a lost run's beat is removed") }
    }

    @Test("ARCO_HEARTBEAT_TIMEOUT_MS sets the bound: 3 s of silence loses the run, 2 s does not; a beat older than the start counts for nothing", arguments: [false, true])
    func configuredTimeout(postgres: Bool) throws {
        let fixture = try EngineTests.Fixture(postgres: postgres, heartbeatTimeout: .milliseconds(2_500))
        // A beat left from before this execution started (an earlier one's) must not acquit it.
        fixture.engine.beat("r1")
        fixture.clock.advance(bySeconds: 2)
        try Self.claimed(fixture, host: "elsewhere.example", pid: 4242)
        fixture.clock.advance(bySeconds: 2)
        #expect(try fixture.engine.reapLostRuns().isEmpty, "2 s after the claim")
        fixture.clock.advance(bySeconds: 1)
        #expect(try fixture.engine.reapLostRuns() == ["r1"], "3 s after the claim, the stale beat 5 s old")
        #expect(try fixture.engine.runDetail("r1").0.reason == "worker lost: worker process 4242 on host elsewhere.example sent no heartbeat for 3 s")
    }

    @Test("ARCO_HEARTBEAT_TIMEOUT_MS is read in milliseconds and clamped to 1 s – 1 day; anything else keeps 60 s")
    func heartbeatTimeoutSetting() {
        func timeout(_ value: String?) -> Duration {
            EngineEnvironment.live(environment: value.map { ["ARCO_HEARTBEAT_TIMEOUT_MS": $0] } ?? [:]).heartbeatTimeout
        }
        #expect(timeout(nil) == .seconds(60))
        #expect(timeout("3000") == .seconds(3))
        #expect(timeout("10") == .seconds(1))
        #expect(timeout("999999999999") == .seconds(86_400))
        #expect(timeout("soon") == .seconds(60))
    }

    @Test("a run claimed on this host by a process that no longer exists is lost at once; a live one is not")
    func thisHostPid() throws {
        let fixture = try EngineTests.Fixture()
        // A child that has exited and been reaped: its pid names no process.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try Self.claimed(fixture, host: ProcessIdentity.host, pid: Int64(gone.processIdentifier))
        #expect(try fixture.engine.reapLostRuns() == ["r1"])
        #expect(try fixture.engine.runDetail("r1").0.reason
            == "worker lost: worker process \(gone.processIdentifier) exited without finishing the run")

        let live = try EngineTests.Fixture()
        try Self.claimed(live, host: ProcessIdentity.host, pid: Int64(getppid()))
        #expect(try live.engine.reapLostRuns().isEmpty)
    }
}
