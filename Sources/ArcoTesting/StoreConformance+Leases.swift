import ArcoCore
import ArcoStore

/// The daemon's lease, the fence on its writes, and its launch records (docs/adr/0022-daemon.md).
extension StoreConformance {
    static let first = LeaseHolder(id: "daemon-a", host: "host-a", pid: 1)
    static let second = LeaseHolder(id: "daemon-b", host: "host-b", pid: 2)

    /// Acquire, renew, standby, lapse and re-acquire: the token rises on every acquisition and
    /// never on a renewal; a deposed holder asking again is a standby.
    static func leases(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        let lease = Duration.seconds(10)
        let acquired = try store.takeLease("daemon", for: first, mine: nil, now: at(0), lease: lease)
        expect(
            acquired == .acquire(Lease(holder: first, token: 1, since: at(0), expiresAt: at(10), renewedAt: at(0))),
            "the first holder acquires with token 1: \(acquired)", &problems)
        let renewed = try store.takeLease("daemon", for: first, mine: 1, now: at(5), lease: lease)
        expect(
            renewed == .renew(Lease(holder: first, token: 1, since: at(0), expiresAt: at(15), renewedAt: at(5))),
            "a renewal keeps token 1 and moves the expiry: \(renewed)", &problems)
        let waiting = try store.takeLease("daemon", for: second, mine: nil, now: at(6), lease: lease)
        expect(waiting == .standby(leader: try store.read { try $0.lease("daemon") }!), "the second waits: \(waiting)", &problems)
        expect(try store.read { try $0.leaseStandbys("daemon") }.map(\.holder) == [second], "the standby is listed", &problems)
        let taken = try store.takeLease("daemon", for: second, mine: nil, now: at(15), lease: lease)
        expect(
            taken == .acquire(Lease(holder: second, token: 2, since: at(15), expiresAt: at(25), renewedAt: at(15))),
            "the lapsed lease is taken with token 2: \(taken)", &problems)
        expect(try store.read { try $0.leaseStandbys("daemon") }.isEmpty, "the new holder is no longer a standby", &problems)
        guard case .standby(let leader) = try store.takeLease("daemon", for: first, mine: 1, now: at(16), lease: lease) else {
            return problems + ["the deposed holder did not become a standby"]
        }
        expect(leader.token == 2 && leader.holder == second, "the deposed holder sees the new tenure", &problems)
        try store.releaseLease("daemon", for: second, token: 2, now: at(17))
        let again = try store.takeLease("daemon", for: first, mine: nil, now: at(17), lease: lease)
        expect(again == .acquire(Lease(holder: first, token: 3, since: at(17), expiresAt: at(27), renewedAt: at(17))),
            "a released lease is taken at once with token 3: \(again)", &problems)
        return problems
    }

    /// Writes through a fenced instance pass only while its tenure is the lease row's: before
    /// the lease, and after another holder took it, they throw `fenced` and write nothing.
    static func fence(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let oldFence = LeaseFence()
        let newFence = LeaseFence()
        let old = try subject.open(fence: oldFence)
        let new = try subject.open(fence: newFence)
        expectStoreError("a write before any lease", &problems, matches: { if case .fenced("daemon", nil, nil) = $0 { true } else { false } }) {
            try append([run("standby-write")], to: old)
        }
        _ = try old.takeLease("daemon", for: first, mine: nil, now: at(0), lease: .seconds(2))
        oldFence.hold(.init(holderID: first.id, token: 1))
        try append([run("leader-write")], to: old)
        _ = try new.takeLease("daemon", for: second, mine: nil, now: at(5), lease: .seconds(2))
        newFence.hold(.init(holderID: second.id, token: 2))
        let before = try state(subject.store)
        expectStoreError("the deposed holder's write", &problems, matches: { if case .fenced("daemon", 1, 2) = $0 { true } else { false } }) {
            try append([run("deposed-write")], to: old)
        }
        expectStoreError("the deposed holder's launch record", &problems, matches: { if case .fenced = $0 { true } else { false } }) {
            _ = try old.recordLaunch("r1", token: 1, at: at(6), staleBefore: at(0))
        }
        let after = try state(subject.store)
        expect(after.events == before.events && after.snapshot == before.snapshot, "the deposed holder wrote nothing", &problems)
        expect(try subject.store.read { try $0.daemonLaunchToken("r1") } == nil, "nor a launch", &problems)
        try append([run("new-leader-write")], to: new)
        let runs = try subject.store.read { try $0.snapshot() }.runs.map(\.runID.rawValue)
        expect(runs == ["leader-write", "new-leader-write"], "only the holders' writes are in: \(runs)", &problems)
        return problems
    }

    /// A launch is recorded once per staleness window, under the recording tenure's token.
    static func launches(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let fence = LeaseFence()
        let leader = try subject.open(fence: fence)
        _ = try leader.takeLease("daemon", for: first, mine: nil, now: at(0), lease: .seconds(10))
        fence.hold(.init(holderID: first.id, token: 1))
        expect(try leader.read { try $0.daemonLaunchToken("r1") } == nil, "no launch recorded yet", &problems)
        expect(try leader.recordLaunch("r1", token: 1, at: at(1), staleBefore: at(-20)), "the first launch may go", &problems)
        expect(try !leader.recordLaunch("r1", token: 1, at: at(2), staleBefore: at(-18)), "a fresh record blocks a second launch", &problems)
        expect(try leader.recordLaunch("r2", token: 1, at: at(2), staleBefore: at(-18)), "another run's launch may go", &problems)
        expect(try leader.recordLaunch("r1", token: 1, at: at(30), staleBefore: at(10)), "a stale record is launched again", &problems)
        expect(try subject.store.read { try $0.daemonLaunchToken("r1") } == 1, "the record names token 1", &problems)
        return problems
    }

    /// Verdicts save under the current cache epoch and read back; clearing the cache or a rebuild
    /// raises the epoch, and a save computed under the old one is dropped.
    static func stalenessCache(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        try append([run("r1")], to: store)
        let epoch = try store.read { try $0.stalenessCacheEpoch() }
        let entry = StalenessCacheEntry(
            asset: "clean", fingerprint: "f1", counts: Array(repeating: 0, count: StalenessCacheEntry.countSlots - 1) + [1],
            rows: [1, 0, 255], structure: "s1", asOf: 42, keys: KeysStamp(keys: ["2024-01-01"]))
        expect(store.saveStalenessCache([entry], epoch: epoch), "a save under the current epoch succeeds", &problems)
        expect(try store.read { try $0.stalenessCacheRows("clean") } == [1, 0, 255], "the rows read back", &problems)
        expect(try store.read { try $0.stalenessCacheHeaders() }["clean"]?.fingerprint == "f1", "the header reads back", &problems)
        try store.clearStalenessCache()
        let cleared = try store.read { try $0.stalenessCacheEpoch() }
        expect(cleared == epoch + 1, "clearing raises the epoch: \(epoch) → \(cleared)", &problems)
        expect(try store.read { try $0.stalenessCacheHeaders() }.isEmpty, "clearing drops the verdicts", &problems)
        expect(!store.saveStalenessCache([entry], epoch: epoch), "a save under the old epoch is refused", &problems)
        expect(try store.read { try $0.stalenessCacheHeaders() }.isEmpty, "and writes nothing", &problems)
        expect(store.saveStalenessCache([entry], epoch: cleared), "a save under the new epoch succeeds", &problems)
        _ = try store.rebuild(verifyOnly: false)
        expect(try store.read { try $0.stalenessCacheEpoch() } == cleared + 1, "a rebuild raises the epoch", &problems)
        expect(try store.read { try $0.stalenessCacheHeaders() }.isEmpty, "a rebuild drops the verdicts", &problems)
        return problems
    }
}
