import ArcoCore
import ArcoStore
import ArcoTesting
import Testing

/// One projection-writer suite, run against the in-memory writer and the SQLite and PostgreSQL
/// tables; and one generated event sequence appended through each store, which must fold to the
/// same projections as the in-memory writer (and so as each other).
@Suite struct StoreConformanceTests {
    static let seeds = [UInt64(5), 77, 2024]

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

    @Test("the PostgreSQL writer passes the projection writer conformance suite")
    func postgres() throws {
        let temporary = try TemporaryPostgresStore(name: "writer_conformance")
        let problems = try temporary.store.write { transaction in
            try ProjectionWriterConformance.run(transaction.projections)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("appending through SQLite folds to exactly the in-memory projections", arguments: seeds)
    func sqliteEqualsInMemory(seed: UInt64) throws {
        let temporary = try TemporaryStore()
        try Self.appendGenerated(seed: seed, runs: 30, batch: 17, to: temporary.store)
        #expect(try temporary.store.read { try $0.snapshot() } == Self.inMemorySnapshot(of: temporary.store))
    }

    @Test("appending through PostgreSQL folds to exactly the in-memory projections, and to SQLite's", arguments: seeds)
    func postgresEqualsInMemoryAndSQLite(seed: UInt64) throws {
        let postgres = try TemporaryPostgresStore(name: "generated")
        let sqlite = try TemporaryStore()
        try Self.appendGenerated(seed: seed, runs: 30, batch: 17, to: postgres.store)
        try Self.appendGenerated(seed: seed, runs: 30, batch: 17, to: sqlite.store)
        let snapshot = try postgres.store.read { try $0.snapshot() }
        let memory = try Self.inMemorySnapshot(of: postgres.store)
        let sqliteSnapshot = try sqlite.store.read { try $0.snapshot() }
        #expect(snapshot == memory)
        #expect(snapshot == sqliteSnapshot)
        // The ledgers, too: same rows, same hashes, so the chains are interchangeable.
        let postgresRows = try postgres.store.read { try $0.events(EventFilter()) }
        let sqliteRows = try sqlite.store.read { try $0.events(EventFilter()) }
        #expect(postgresRows == sqliteRows)
    }

    @Test("the state SQL decides for asset show is PartitionState's rule on the same rows (SQLite)", arguments: seeds)
    func partitionStatesMatchCore(seed: UInt64) throws {
        let temporary = try TemporaryStore()
        try Self.appendGenerated(seed: seed, runs: 40, batch: 1, to: temporary.store)
        try Self.expectPartitionStatesMatchCore(temporary.store)
    }

    @Test("the state SQL decides for asset show is PartitionState's rule on the same rows (PostgreSQL)", arguments: seeds)
    func partitionStatesMatchCorePostgres(seed: UInt64) throws {
        let temporary = try TemporaryPostgresStore(name: "partition_states")
        try Self.appendGenerated(seed: seed, runs: 40, batch: 1, to: temporary.store)
        try Self.expectPartitionStatesMatchCore(temporary.store)
    }

    /// The stored partition states of every asset, as SQL decides them, equal `PartitionState`'s
    /// rule applied to the snapshot's rows.
    static func expectPartitionStatesMatchCore(_ store: any WorkspaceStore) throws {
        let statuses = try store.read { try $0.snapshot() }.partitionStatuses
        let states = Set(PartitionState.allCases.filter { state in statuses.contains { PartitionState($0) == state } })
        #expect(states.count >= 3, "the sequence should reach most states: \(states)")
        for asset in Set(statuses.map(\.asset)) {
            let stored = try store.read { try $0.partitionStates(asset: asset) }
            let expected = statuses.filter { $0.asset == asset }.map {
                StoredPartitionState(key: $0.partitionKey, display: $0.partition, state: PartitionState($0))
            }
            #expect(Set(stored) == Set(expected), "\(asset)")
        }
    }

    /// The in-memory writer's fold of the store's own ledger.
    static func inMemorySnapshot(of store: any WorkspaceStore) throws -> ProjectionSnapshot {
        let rows = try store.read { try $0.events(EventFilter()) }
        let memory = InMemoryProjections()
        try memory.fold(rows.map { try $0.decoded() })
        return memory.snapshot()
    }

    /// Appends a generated event sequence, `batch` events per transaction with the clock advancing
    /// a second between transactions: the same seed gives the same ledger on every store.
    static func appendGenerated(seed: UInt64, runs: Int, batch: Int, to store: any WorkspaceStore) throws {
        var generator = EventSequenceGenerator(seed: seed)
        let drafts = generator.drafts(runs: runs)
        let clock = ManualWallClock()
        let ids = SequentialIDGenerator()
        for start in stride(from: 0, to: drafts.count, by: batch) {
            let chunk = drafts[start..<min(start + batch, drafts.count)]
            _ = try store.write { transaction in
                try transaction.append(chunk.map { ($0, ids.makeEventID(at: clock.now())) }, recordedAt: clock.now())
            }
            clock.advance(bySeconds: 1)
        }
    }
}
