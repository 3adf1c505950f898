import ArcoCore
import ArcoStore
import Foundation
import Testing

/// The daemon lease in the store and the fence every daemon write passes
/// (docs/adr/0022-daemon.md).
@Suite struct LeaseStoreTests {
    static let first = LeaseHolder(id: "a", host: "h", pid: 1)
    static let second = LeaseHolder(id: "b", host: "h", pid: 2)
    static let lease: Duration = .seconds(2)

    static func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: 1_700_000_000 + seconds) }

    static func fencedStore(_ temporary: TemporaryStore, _ fence: LeaseFence) throws -> SQLiteStore {
        try SQLiteStore(path: temporary.folder + "/arco.db", options: .init(fence: fence))
    }

    static func anyWrite(_ store: SQLiteStore, key: String) throws {
        try store.write { transaction in
            _ = try transaction.append(
                [(EventDraft(ScheduleBaselineSet(schedule: key, since: nil, cadence: nil, reason: "test", baselineVersion: 1)), EventID(key))],
                recordedAt: at(0))
        }
    }

    @Test("the token rises on every acquisition, never on a renewal, and survives a release")
    func tokens() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        #expect(try store.takeLease("daemon", for: Self.first, mine: nil, now: Self.at(0), lease: Self.lease) == .acquire(
            Lease(holder: Self.first, token: 1, since: Self.at(0), expiresAt: Self.at(2), renewedAt: Self.at(0))))
        guard case .renew(let renewed) = try store.takeLease("daemon", for: Self.first, mine: 1, now: Self.at(1), lease: Self.lease)
        else {
            Issue.record("expected a renewal")
            return
        }
        #expect(renewed.token == 1)
        guard case .standby = try store.takeLease("daemon", for: Self.second, mine: nil, now: Self.at(2), lease: Self.lease)
        else {
            Issue.record("expected a standby")
            return
        }
        #expect(try store.read { try $0.leaseStandbys("daemon") }.map(\.holder) == [Self.second])
        try store.releaseLease("daemon", for: Self.first, token: 1, now: Self.at(2))
        guard case .acquire(let taken) = try store.takeLease("daemon", for: Self.second, mine: nil, now: Self.at(2), lease: Self.lease)
        else {
            Issue.record("expected an acquisition")
            return
        }
        #expect(taken.token == 2)
        #expect(try store.read { try $0.leaseStandbys("daemon") }.isEmpty)
    }

    @Test("a write under a superseded token is refused and writes nothing; the current holder's passes")
    func fence() throws {
        let temporary = try TemporaryStore()
        let oldFence = LeaseFence()
        let newFence = LeaseFence()
        let old = try Self.fencedStore(temporary, oldFence)
        let new = try Self.fencedStore(temporary, newFence)
        #expect(throws: StoreError.self) { try Self.anyWrite(old, key: "standby-write") }
        _ = try old.takeLease("daemon", for: Self.first, mine: nil, now: Self.at(0), lease: Self.lease)
        oldFence.hold(.init(holderID: Self.first.id, token: 1))
        try Self.anyWrite(old, key: "leader-write")
        _ = try new.takeLease("daemon", for: Self.second, mine: nil, now: Self.at(5), lease: Self.lease)
        newFence.hold(.init(holderID: Self.second.id, token: 2))
        do {
            try Self.anyWrite(old, key: "deposed-write")
            Issue.record("the deposed leader's write passed")
        } catch StoreError.fenced(let lease, let mine, let current) {
            #expect(lease == "daemon" && mine == 1 && current == 2)
        }
        try Self.anyWrite(new, key: "new-leader-write")
        let keys = try temporary.store.read { reader in
            var keys: [String] = []
            try reader.forEachEvent(EventFilter()) { keys.append($0.eventID.rawValue) }
            return keys
        }
        #expect(keys == ["leader-write", "new-leader-write"])
    }

    @Test("a launch is a fenced record: a deposed leader cannot launch, and a run is launched again only once its launch is stale")
    func launches() throws {
        let temporary = try TemporaryStore()
        let oldFence = LeaseFence()
        let newFence = LeaseFence()
        let old = try Self.fencedStore(temporary, oldFence)
        let new = try Self.fencedStore(temporary, newFence)
        let run = RunID("run-1")
        _ = try old.takeLease("daemon", for: Self.first, mine: nil, now: Self.at(0), lease: Self.lease)
        oldFence.hold(.init(holderID: Self.first.id, token: 1))
        #expect(try old.recordLaunch(run, token: 1, at: Self.at(0), staleBefore: Self.at(-4)))
        // Launched moments ago: not again, by the same tenure or the next.
        #expect(try !old.recordLaunch(run, token: 1, at: Self.at(1), staleBefore: Self.at(-3)))
        _ = try new.takeLease("daemon", for: Self.second, mine: nil, now: Self.at(5), lease: Self.lease)
        newFence.hold(.init(holderID: Self.second.id, token: 2))
        #expect(throws: StoreError.self) { try old.recordLaunch(RunID("run-2"), token: 1, at: Self.at(6), staleBefore: Self.at(2)) }
        #expect(try !new.recordLaunch(run, token: 2, at: Self.at(2), staleBefore: Self.at(-2)))
        // Still unclaimed two leases after its launch (its leader died before spawning): again.
        #expect(try new.recordLaunch(run, token: 2, at: Self.at(6), staleBefore: Self.at(2)))
        #expect(try temporary.store.read { try $0.daemonLaunchToken(run) } == 2)
        #expect(try temporary.store.read { try $0.daemonLaunchToken(RunID("run-2")) } == nil)
    }
}
