import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation
import Synchronization
import Testing

@testable import ArcoEngine

/// One daemon's tenure as its two threads (the lease renewer and the pass) see it: the lease
/// row, the fence and the daemon's state change together (docs/adr/0022-daemon.md).
@Suite struct DaemonTenureTests {
    final class Fixture {
        let root: String
        let clock = ManualWallClock(Timestamp(secondsSinceEpoch: 1_735_689_600))
        let daemon: Daemon
        let lines = Mutex<[DaemonLogLine]>([])

        static let yaml = "version: 1\nassets:\n  raw: { command: \"true\" }\n"

        init(lease: Int64 = 3, clock: (any WallClock)? = nil, yaml: String = Fixture.yaml) throws {
            root = NSTemporaryDirectory() + "arco-daemon-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try yaml.write(
                toFile: root + "/arco.yaml", atomically: true, encoding: .utf8)
            daemon = Daemon(
                workspace: Workspace(root: root), environment: EngineEnvironment(clock: clock ?? self.clock, ids: SequentialIDGenerator()),
                holder: LeaseHolder(id: "d1", host: "h", pid: 1),
                options: DaemonOptions(interval: .seconds(5), lease: .seconds(lease)))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func log(_ line: DaemonLogLine) { lines.withLock { $0.append(line) } }
        var actions: [String] { lines.withLock { $0.map(\.action) } }
    }

    @Test("a write refused under the old token does not end the tenure the lease thread has just taken")
    func refusalAfterRetake() throws {
        let fixture = try Fixture()
        let daemon = fixture.daemon
        #expect(try daemon.heartbeat(log: fixture.log))
        #expect(daemon.token == 1)
        // The lease lapses between two renewals (a long stall); the lease thread takes it anew.
        fixture.clock.advance(bySeconds: 4)
        #expect(try daemon.heartbeat(log: fixture.log))
        #expect(daemon.token == 2)
        // The pass thread's write was refused against token 1 just before the fence moved to 2;
        // its report arrives now. It must not end tenure 2, or the row would say this daemon
        // leads under 2 while it believes it leads under nothing, renewing forever, passing never.
        daemon.deposed(mine: 1, current: 2, leader: nil, source: "fence", log: fixture.log)
        #expect(daemon.token == 2)
        #expect(daemon.fence.current?.token == 2)
        #expect(!fixture.actions.contains("fenced"))
        #expect(try daemon.step(log: fixture.log))
        let pass = try daemon.engine.store().read { try $0.daemonPass(DaemonOptions.leaseName) }
        #expect(pass?.token == 2, "a pass ran and was recorded under the new tenure")
    }

    @Test("a refusal under the current token ends the tenure, once, with source fence")
    func refusalUnderCurrentToken() throws {
        let fixture = try Fixture()
        let daemon = fixture.daemon
        #expect(try daemon.heartbeat(log: fixture.log))
        daemon.deposed(mine: 1, current: 2, leader: nil, source: "fence", log: fixture.log)
        daemon.deposed(mine: 1, current: 2, leader: nil, source: "lease", log: fixture.log)
        #expect(daemon.token == nil)
        #expect(daemon.fence.current == nil)
        let fenced = fixture.lines.withLock { $0.filter { $0.action == "fenced" } }
        #expect(fenced.count == 1)
        #expect(fenced.first?.subject == "fence")
        #expect(fenced.first?.tokens == ["mine": 1, "current": 2])
    }

    @Test("the leader holds the workers' driver lock, so backfill status says its backfills are driven; release drops it")
    func leaderDrivesBackfills() throws {
        let fixture = try Fixture()
        let daemon = fixture.daemon
        let backfill = BackfillID("bf-1")
        #expect(!daemon.engine.isBackfillDriven(backfill))
        #expect(try daemon.heartbeat(log: fixture.log))
        #expect(daemon.engine.isBackfillDriven(backfill))
        try daemon.release(log: fixture.log)
        #expect(!daemon.engine.isBackfillDriven(backfill))
    }

    /// A clock whose readings turn slow once told (after the renewer started, so only its
    /// thread reads it): that thread is then certainly inside a reading, between its stop check
    /// and its heartbeat, when the loop stops it.
    final class SlowOnLeaseThread: WallClock, @unchecked Sendable {
        let base: ManualWallClock
        let slow = Atomic<Bool>(false)
        init(_ base: ManualWallClock) { self.base = base }
        func now() -> Timestamp {
            if slow.load(ordering: .acquiring) { usleep(300_000) }
            return base.now()
        }
    }

    @Test("stopping the lease renewer waits for its thread: no heartbeat can follow the release")
    func renewerStopJoins() throws {
        let manual = ManualWallClock(Timestamp(secondsSinceEpoch: 1_735_689_600))
        let clock = SlowOnLeaseThread(manual)
        let fixture = try Fixture(clock: clock)
        let renewer = LeaseRenewer(daemon: fixture.daemon, log: { _ in })
        renewer.start()
        clock.slow.store(true, ordering: .releasing)
        usleep(100_000)
        let before = Date()
        renewer.stop()
        // Without the join, stop returns at once while the thread is still inside its reading
        // and may go on to take the lease after the daemon released it.
        #expect(Date().timeIntervalSince(before) > 0.1, "stop returned before the lease thread left its loop")
    }

    @Test("the loop's sleep takes at least one slice even when its deadline has passed (no busy spin)")
    func sleepNeverSpins() {
        let past = Timestamp(secondsSinceEpoch: 0)
        let slices = Daemon.sleep(until: past, clock: { Timestamp(secondsSinceEpoch: 1_735_689_600) }, stopReason: { nil })
        #expect(slices == 1)
        #expect(Daemon.sleep(until: past, clock: { past }, stopReason: { "stop" }) == 1)
    }

    @Test("a standby looks every min(interval, lease/3); a leader renews every lease/3")
    func attemptPeriod() {
        let options = DaemonOptions(interval: .seconds(2), lease: .seconds(15))
        #expect(options.attemptMicroseconds(leading: true) == 5_000_000)
        #expect(options.attemptMicroseconds(leading: false) == 2_000_000)
        #expect(DaemonOptions(interval: .seconds(30), lease: .seconds(15)).attemptMicroseconds(leading: false) == 5_000_000)
    }

    @Test("a sensor with nothing new is evaluated without a log line: quiet when nothing is due")
    func quietSensors() throws {
        let yaml = """
            version: 1
            assets:
              raw: { command: "true" }
              clean: { command: "true" }
            sensors:
              quiet: { kind: poll, command: "true", min_interval: 30s, target: clean, status: running }

            """
        let fixture = try Fixture(lease: 60, yaml: yaml)
        for _ in 0..<3 {
            #expect(try fixture.daemon.step(log: fixture.log))
            fixture.clock.advance(bySeconds: 120)
        }
        let history = try fixture.daemon.engine.store().read { try $0.events(EventFilter()) }.filter { $0.type == "SensorEvaluated" }
        #expect(history.count >= 2, "the sensor was evaluated, recorded NO_NEW_DATA or SKIPPED: \(history.map(\.payload))")
        #expect(fixture.lines.withLock { $0.filter { $0.action == "sensor" } }.isEmpty, "\(fixture.lines.withLock { $0 })")
    }

    @Test("a renewal waits for the write lock at most a third of the lease, on a connection of its own")
    func renewalBusyWaitFitsTheLease() throws {
        let fixture = try Fixture(lease: 3)
        #expect(try fixture.daemon.heartbeat(log: fixture.log))
        // Another process holds the write lock for longer than a renewal period.
        let other = try SQLiteStore(
            path: Workspace(root: fixture.root).databasePath,
            options: SQLiteStore.Options(synchronousFull: false, busyTimeoutMilliseconds: 100, create: false, fence: nil))
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            _ = try? other.write { _ in
                holding.signal()
                usleep(2_500_000)
            }
            done.signal()
        }.start()
        holding.wait()
        let started = Date()
        #expect(throws: OperatorError.self) { try fixture.daemon.heartbeat(log: fixture.log) }
        // 1 s (a third of the lease), not the engine's 10 s busy wait nor the 2.5 s the lock is held.
        #expect(Date().timeIntervalSince(started) < 2, "the renewal waited \(Date().timeIntervalSince(started)) s")
        done.wait()
    }
}
