import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation
import Testing

@Suite struct LedgerAppendTests {
    static let at = Timestamp(secondsSinceEpoch: 1_704_067_200)

    @Test("appended rows get gap-free sequence numbers and a verifiable hash chain")
    func appendChains() throws {
        let temporary = try TemporaryStore()
        let ids = SequentialIDGenerator()
        let drafts = [EventDraft(EventBuilders.runRequested("r1")), EventDraft(EventBuilders.stepStarted("r1", "a"))]
        let result = try temporary.store.write { try $0.append(drafts.map { ($0, ids.makeEventID(at: Self.at)) }, recordedAt: Self.at) }
        #expect(result.appended.map(\.seq) == [1, 2])
        #expect(result.outcomes == [.applied, .applied])
        let rows = try temporary.store.read { try $0.events(EventFilter()) }
        var verifier = LedgerHash.Verifier()
        #expect(rows.compactMap { verifier.check($0) }.isEmpty)
        #expect(rows.map(\.recordedAt) == [Self.at, Self.at])
    }

    @Test("a duplicate idempotency key is dropped before the fold, within a batch and across batches")
    func duplicatesDropped() throws {
        let temporary = try TemporaryStore()
        let ids = SequentialIDGenerator()
        let request = EventDraft(EventBuilders.runRequested("r1"))
        let first = try temporary.store.write {
            try $0.append([(request, ids.makeEventID(at: Self.at)), (request, ids.makeEventID(at: Self.at))], recordedAt: Self.at)
        }
        #expect(first.appended.count == 1)
        #expect(first.duplicates == [request.idempotencyKey])
        let second = try temporary.store.write { try $0.append([(request, ids.makeEventID(at: Self.at))], recordedAt: Self.at) }
        #expect(second.appended.isEmpty)
        #expect(try temporary.store.read { try $0.eventCount() } == 1)
        #expect(try temporary.store.read { try $0.meta().appliedSeq } == 1)
    }

    @Test("a transaction that throws leaves neither ledger rows nor projection changes")
    func rollback() throws {
        struct Boom: Error {}
        let temporary = try TemporaryStore()
        let ids = SequentialIDGenerator()
        #expect(throws: Boom.self) {
            try temporary.store.write { transaction -> Void in
                _ = try transaction.append([(EventDraft(EventBuilders.runRequested("r1")), ids.makeEventID(at: Self.at))], recordedAt: Self.at)
                throw Boom()
            }
        }
        #expect(try temporary.store.read { try $0.eventCount() } == 0)
        #expect(try temporary.store.read { try $0.run("r1") } == nil)
    }

    @Test("the store is created owner-only, in WAL mode with synchronous=FULL by default")
    func pragmasAndPermissions() throws {
        let temporary = try TemporaryStore()
        let health = try temporary.store.health()
        #expect(health.journalMode == "wal")
        #expect(health.synchronous == 2)
        #expect(health.fileMode == 0o600)
        #expect(health.pendingMigrations.isEmpty)
        let normal = try TemporaryStore(synchronousFull: false)
        #expect(try normal.store.health().synchronous == 1)
    }

    @Test("events filter by type, run and position, and honour the limit")
    func filters() throws {
        let temporary = try TemporaryStore()
        let ids = SequentialIDGenerator()
        let drafts = [
            EventDraft(EventBuilders.runRequested("r1")), EventDraft(EventBuilders.runRequested("r2")),
            EventDraft(EventBuilders.stepStarted("r1", "a")), EventDraft(EventBuilders.stepStarted("r2", "a")),
        ]
        _ = try temporary.store.write { try $0.append(drafts.map { ($0, ids.makeEventID(at: Self.at)) }, recordedAt: Self.at) }
        let byType = try temporary.store.read { try $0.events(EventFilter(types: ["StepStarted"])) }
        #expect(byType.map(\.seq) == [3, 4])
        let byRun = try temporary.store.read { try $0.events(EventFilter(runID: "r2")) }
        #expect(byRun.map(\.seq) == [2, 4])
        let page = try temporary.store.read { try $0.events(EventFilter(afterSeq: 1, limit: 2)) }
        #expect(page.map(\.seq) == [2, 3])
    }
}
