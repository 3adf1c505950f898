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

        init(lease: Int64 = 3) throws {
            root = NSTemporaryDirectory() + "arco-daemon-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try "version: 1\nassets:\n  raw: { command: \"true\" }\n".write(
                toFile: root + "/arco.yaml", atomically: true, encoding: .utf8)
            daemon = Daemon(
                workspace: Workspace(root: root), environment: EngineEnvironment(clock: clock, ids: SequentialIDGenerator()),
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
}
