import ArcoCore
import ArcoStore
import ArcoTesting
import Testing

/// One projection-writer suite, run against the SQLite tables and the in-memory writer.
@Suite struct StoreConformanceTests {
    @Test("the in-memory writer passes the projection writer conformance suite")
    func inMemory() throws {
        let problems = try ProjectionWriterConformance.run(InMemoryProjections())
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("the SQLite writer passes the projection writer conformance suite")
    func sqlite() throws {
        let temporary = try TemporaryStore()
        let problems = try temporary.store.write { transaction in
            try ProjectionWriterConformance.run(transaction.projections)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("appending through SQLite folds to exactly the in-memory projections", arguments: [UInt64(5), 77, 2024])
    func sqliteEqualsInMemory(seed: UInt64) throws {
        let temporary = try Self.generatedStore(seed: seed, runs: 30, batch: 17)
        let rows = try temporary.store.read { try $0.events(EventFilter()) }
        let memory = InMemoryProjections()
        try memory.fold(rows.map { try $0.decoded() })
        #expect(try temporary.store.read { try $0.snapshot() } == memory.snapshot())
    }

    @Test("the state SQL decides for asset show is PartitionState's rule on the same rows", arguments: [UInt64(5), 77, 2024])
    func partitionStatesMatchCore(seed: UInt64) throws {
        let temporary = try Self.generatedStore(seed: seed, runs: 40, batch: 1)
        let statuses = try temporary.store.read { try $0.snapshot() }.partitionStatuses
        let states = Set(PartitionState.allCases.filter { state in statuses.contains { PartitionState($0) == state } })
        #expect(states.count >= 3, "the sequence should reach most states: \(states)")
        for asset in Set(statuses.map(\.asset)) {
            let stored = try temporary.store.read { try $0.partitionStates(asset: asset) }
            let expected = statuses.filter { $0.asset == asset }.map {
                StoredPartitionState(key: $0.partitionKey, display: $0.partition, state: PartitionState($0))
            }
            #expect(Set(stored) == Set(expected), "\(asset)")
        }
    }

    /// A store holding a generated event sequence, appended `batch` events per transaction with
    /// the clock advancing a second between transactions.
    static func generatedStore(seed: UInt64, runs: Int, batch: Int) throws -> TemporaryStore {
        var generator = EventSequenceGenerator(seed: seed)
        let drafts = generator.drafts(runs: runs)
        let temporary = try TemporaryStore()
        let clock = ManualWallClock()
        let ids = SequentialIDGenerator()
        for start in stride(from: 0, to: drafts.count, by: batch) {
            let chunk = drafts[start..<min(start + batch, drafts.count)]
            _ = try temporary.store.write { transaction in
                try transaction.append(chunk.map { ($0, ids.makeEventID(at: clock.now())) }, recordedAt: clock.now())
            }
            clock.advance(bySeconds: 1)
        }
        return temporary
    }
}
