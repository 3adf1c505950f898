import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// The ledger links from its own last row and refuses to build on projections that disagree
/// with it: lost acknowledged rows are reported, never hidden.
@Suite struct LedgerIntegrityTests {
    static let at = Timestamp(secondsSinceEpoch: 1_704_067_200)

    static func append(_ store: SQLiteStore, _ drafts: [EventDraft], fold: Bool = true) throws {
        let ids = SequentialIDGenerator()
        _ = try store.write { transaction in
            try transaction.append(drafts.map { ($0, EventID("\(ids.makeEventID(at: at))-\(UUID().uuidString)")) }, recordedAt: at, fold: fold)
        }
    }

    @Test("appending on projections behind the ledger is refused until a rebuild")
    func projectionsBehind() throws {
        let temporary = try TemporaryStore()
        try Self.append(temporary.store, [EventDraft(EventBuilders.runRequested("r1"))], fold: false)
        #expect {
            try Self.append(temporary.store, [EventDraft(EventBuilders.runRequested("r2"))])
        } throws: { error in
            guard case StoreError.projectionsBehind(0, 1) = error else { return false }
            return true
        }
        _ = try temporary.store.rebuild(verifyOnly: false)
        try Self.append(temporary.store, [EventDraft(EventBuilders.runRequested("r2"))])
        #expect(try temporary.store.read { try $0.run("r2") } != nil)
        #expect(try temporary.store.read { try $0.tipMismatch() } == nil)
    }

    @Test("an applied key whose outcome this build does not know throws unknownValue instead of reading as applied")
    func unknownFoldOutcome() throws {
        let temporary = try TemporaryStore()
        try Self.append(temporary.store, (0..<2).map { EventDraft(EventBuilders.runRequested("r\($0)")) })
        try temporary.store.rawExecuteForTesting("UPDATE applied_keys SET outcome = 'BOGUS' WHERE seq = 1")
        #expect {
            _ = try temporary.store.read { try $0.snapshot() }
        } throws: { error in
            guard case StoreError.unknownValue(table: "applied_keys", column: "outcome", value: "BOGUS") = error else {
                return false
            }
            return true
        }
    }

    @Test("a deleted last row is reported by health, and append and rebuild refuse to hide it")
    func deletedLastRow() throws {
        let temporary = try TemporaryStore()
        try Self.append(temporary.store, (0..<3).map { EventDraft(EventBuilders.runRequested("r\($0)")) })
        try temporary.store.rawExecuteForTesting("DELETE FROM events WHERE seq = 3")
        let health = try temporary.store.health()
        guard case .ledgerTruncated(3, 2)? = health.tipMismatch else {
            Issue.record("expected a truncation, got \(String(describing: health.tipMismatch))")
            return
        }
        #expect(throws: StoreError.self) { try Self.append(temporary.store, [EventDraft(EventBuilders.runRequested("r9"))]) }
        #expect(throws: StoreError.self) { _ = try temporary.store.rebuild(verifyOnly: false) }
        #expect(try temporary.store.read { try $0.eventCount() } == 2)
    }

    @Test("a replaced last row is detected even when the sequence numbers line up")
    func replacedLastRow() throws {
        let temporary = try TemporaryStore()
        try Self.append(temporary.store, (0..<2).map { EventDraft(EventBuilders.runRequested("r\($0)")) })
        try temporary.store.rawExecuteForTesting("UPDATE events SET hash = 'x' || substr(hash, 2) WHERE seq = 2")
        guard case .ledgerTruncated? = try temporary.store.read({ try $0.tipMismatch() }) else {
            Issue.record("expected the replaced row to be reported")
            return
        }
    }

    @Test("rebuild folds in many batches, catches up with events appended meanwhile, and equals a fresh fold")
    func multiBatchRebuildCatchesUp() throws {
        let temporary = try TemporaryStore()
        var generator = EventSequenceGenerator(seed: 21)
        try Self.append(temporary.store, generator.drafts(runs: 20))
        let other = try SQLiteStore(path: temporary.store.path)
        var appendedDuringRebuild = 0
        let report = try temporary.store.rebuild(verifyOnly: false, batchRows: 7) { _ in
            guard appendedDuringRebuild < 3 else { return }
            appendedDuringRebuild += 1
            try? Self.append(other, [EventDraft(EventBuilders.runRequested("late-\(appendedDuringRebuild)"))])
        }
        let rows = try temporary.store.read { try $0.events(EventFilter()) }
        #expect(appendedDuringRebuild == 3)
        #expect(report.eventsFolded == Int64(rows.count))
        let memory = InMemoryProjections()
        try memory.fold(rows.map { try $0.decoded() })
        #expect(try temporary.store.read { try $0.snapshot() } == memory.snapshot())
        #expect(try temporary.store.read { try $0.run("late-3") } != nil)
    }

    @Test("scratch files of dead rebuilds are reported and removed by the next rebuild")
    func staleScratchFiles() throws {
        let temporary = try TemporaryStore()
        let stale = temporary.store.path + ".rebuild-999999999"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("x".utf8)))
        #expect(try temporary.store.health().staleScratchFiles == [stale])
        _ = try temporary.store.rebuild(verifyOnly: true)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test("import rejects a valid chain that repeats an event id, and writes nothing")
    func importDuplicateEventID() throws {
        var builder = LedgerBuilder()
        builder.append([EventDraft(EventBuilders.runRequested("a")), EventDraft(EventBuilders.runRequested("b"))])
        var rows = builder.rows
        rows[1].eventID = rows[0].eventID
        rows[1].hash = LedgerHash.compute(previous: rows[0].hash, row: rows[1])
        let temporary = try TemporaryStore()
        var iterator = rows.makeIterator()
        #expect {
            _ = try temporary.store.importLedger { iterator.next() }
        } throws: { error in
            guard case StoreError.invalidImport(let reason) = error else { return false }
            return reason.contains("repeats event id")
        }
        #expect(try temporary.store.read { try $0.eventCount() } == 0)
    }
}
