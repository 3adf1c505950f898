import ArcoCore
import ArcoTesting
import Testing

/// The test support is code too: generators must be reproducible and builders must chain rows
/// exactly as the store does.
@Suite struct ArcoTestingTests {
    @Test("the event generator is deterministic per seed and differs across seeds")
    func generatorDeterminism() {
        var first = EventSequenceGenerator(seed: 1)
        var second = EventSequenceGenerator(seed: 1)
        var other = EventSequenceGenerator(seed: 2)
        let a = first.drafts(runs: 200)
        #expect(a == second.drafts(runs: 200))
        #expect(a != other.drafts(runs: 200))
        #expect(a.contains { if case .unknown = $0.payload { true } else { false } })
        #expect(a.contains { if case .dynamicPartitionsChanged = $0.payload { true } else { false } })
    }

    @Test("the ledger builder drops duplicate keys and produces a verifiable chain")
    func ledgerBuilder() {
        var builder = LedgerBuilder()
        let draft = EventDraft(EventBuilders.runRequested("r1"))
        builder.append([draft, draft, EventDraft(EventBuilders.stepStarted("r1", "a"))])
        #expect(builder.rows.map(\.seq) == [1, 2])
        var verifier = LedgerHash.Verifier()
        #expect(builder.rows.compactMap { verifier.check($0) }.isEmpty)
    }

    @Test("the manual clock moves only when told, and sequential ids count up")
    func clockAndIDs() {
        let clock = ManualWallClock(Timestamp(secondsSinceEpoch: 100))
        #expect(clock.now() == Timestamp(secondsSinceEpoch: 100))
        clock.advance(bySeconds: 5)
        #expect(clock.now() == Timestamp(secondsSinceEpoch: 105))
        let ids = SequentialIDGenerator()
        #expect(ids.makeEventID(at: clock.now()) == "evt-000001")
        #expect(ids.makeRunID(at: clock.now()) == "run-000002")
    }
}
