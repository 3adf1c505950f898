import ArcoCore
import ArcoTesting
import Testing

/// Properties every fold must keep, over generated event sequences: determinism, idempotence
/// under duplicates, incremental equal to rebuilt, unknown types skipped and counted.
@Suite struct FoldPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 1234, 99_999]

    static func ledger(seed: UInt64, runs: Int = 40) -> LedgerBuilder {
        var generator = EventSequenceGenerator(seed: seed)
        var builder = LedgerBuilder()
        builder.append(generator.drafts(runs: runs))
        return builder
    }

    @Test("folding the same ledger twice from scratch gives equal projections", arguments: seeds)
    func deterministic(seed: UInt64) throws {
        let events = Self.ledger(seed: seed).events
        let first = InMemoryProjections()
        let second = InMemoryProjections()
        try first.fold(events)
        try second.fold(events)
        #expect(first.snapshot() == second.snapshot())
        #expect(first.snapshot().runs.count > 20)
        // Schedules are in the sequences too, so every property below covers their rows.
        #expect(!first.snapshot().scheduleStates.isEmpty)
        #expect(!first.snapshot().scheduleTicks.isEmpty)
        #expect(!first.snapshot().sensorStates.isEmpty)
        #expect(!first.snapshot().sensorEvals.isEmpty)
    }

    @Test("folding every event twice in a row changes nothing", arguments: seeds)
    func duplicatesAreNoOps(seed: UInt64) throws {
        let events = Self.ledger(seed: seed).events
        let once = InMemoryProjections()
        try once.fold(events)
        let twice = InMemoryProjections()
        let outcomes = try twice.fold(events.flatMap { [$0, $0] })
        #expect(twice.snapshot() == once.snapshot())
        #expect(outcomes.filter { $0 == .duplicate }.count == events.count)
    }

    @Test("folding the whole ledger again after it changes nothing", arguments: seeds)
    func refoldIsNoOp(seed: UInt64) throws {
        let events = Self.ledger(seed: seed).events
        let projections = InMemoryProjections()
        try projections.fold(events)
        let before = projections.snapshot()
        let outcomes = try projections.fold(events)
        #expect(outcomes.allSatisfy { $0 == .duplicate })
        #expect(projections.snapshot() == before)
    }

    @Test("incremental folding in arbitrary batches equals one full rebuild", arguments: seeds)
    func incrementalEqualsRebuild(seed: UInt64) throws {
        let events = Self.ledger(seed: seed).events
        let rebuilt = InMemoryProjections()
        try rebuilt.fold(events)
        let incremental = InMemoryProjections()
        var index = 0
        var size = Int(seed % 7) + 1
        while index < events.count {
            let end = min(events.count, index + size)
            try incremental.fold(Array(events[index..<end]))
            index = end
            size = size % 11 + 2
        }
        #expect(incremental.snapshot() == rebuilt.snapshot())
    }

    @Test("unknown event types are skipped and counted, and later events still fold")
    func unknownTypesAreCounted() throws {
        let unknown = EventDraft(unknownType: "FromTheFuture", version: 3, payload: ["x": 1], idempotencyKey: "future:1")
        var builder = LedgerBuilder()
        builder.append([unknown, EventDraft(EventBuilders.runRequested("r1")), EventDraft(EventBuilders.stepStarted("r1", "a"))])
        let projections = InMemoryProjections()
        let outcomes = try projections.fold(builder.events)
        #expect(outcomes == [.unknown, .applied, .applied])
        #expect(projections.meta.unknownEvents == 1)
        #expect(projections.run("r1")?.status == .started)
    }

    @Test("interleaving independent runs' events in any order gives the same projections", arguments: seeds)
    func independentRunsCommute(seed: UInt64) throws {
        let runA = [
            EventDraft(EventBuilders.runRequested("A", assets: ["x", "y"])),
            EventDraft(EventBuilders.stepStarted("A", "x")), EventDraft(EventBuilders.stepFinished("A", "x")),
            EventDraft(EventBuilders.stepStarted("A", "y")),
            EventDraft(EventBuilders.stepFinished("A", "y", outcome: .failed)),
        ]
        // Run B materializes another asset: runs that touch the same asset partition are not
        // independent (its status records whichever attempt came last).
        let runB = [
            EventDraft(EventBuilders.runRequested("B", assets: ["z"])), EventDraft(EventBuilders.stepStarted("B", "z")),
            EventDraft(EventBuilders.stepFinished("B", "z")),
        ]
        var pickA = seed
        var merged = [EventDraft]()
        var (i, j) = (0, 0)
        while i < runA.count || j < runB.count {
            pickA = pickA &* 6_364_136_223_846_793_005 &+ 1
            if j == runB.count || (i < runA.count && pickA >> 63 == 1) {
                merged.append(runA[i]); i += 1
            } else {
                merged.append(runB[j]); j += 1
            }
        }
        let sequential = InMemoryProjections()
        try sequential.fold(LedgerBuilder.eventsWithoutGate(runA + runB, fixedTime: true))
        let interleaved = InMemoryProjections()
        try interleaved.fold(LedgerBuilder.eventsWithoutGate(merged, fixedTime: true))
        #expect(interleaved.snapshot().withoutPositions == sequential.snapshot().withoutPositions)
    }
}
