import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation
import Testing

@Suite struct RebuildTests {
    static func filledStore(seed: UInt64 = 11, runs: Int = 25) throws -> TemporaryStore {
        var generator = EventSequenceGenerator(seed: seed)
        let drafts = generator.drafts(runs: runs)
        let temporary = try TemporaryStore()
        let ids = SequentialIDGenerator()
        let at = Timestamp(secondsSinceEpoch: 1_704_067_200)
        _ = try temporary.store.write { try $0.append(drafts.map { ($0, ids.makeEventID(at: at)) }, recordedAt: at) }
        return temporary
    }

    @Test("rebuild of an incrementally folded store finds no differences and keeps the projections")
    func rebuildEqualsIncremental() throws {
        let temporary = try Self.filledStore()
        let before = try temporary.store.read { try $0.snapshot() }
        let verify = try temporary.store.rebuild(verifyOnly: true)
        #expect(verify.differences.isEmpty)
        #expect(verify.eventsFolded == (try temporary.store.read { try $0.eventCount() }))
        let rebuilt = try temporary.store.rebuild(verifyOnly: false)
        #expect(rebuilt.differences.isEmpty)
        #expect(rebuilt.swapped)
        #expect(try temporary.store.read { try $0.snapshot() } == before)
    }

    @Test("verify reports a damaged projection without repairing it; rebuild repairs it")
    func verifyThenRepair() throws {
        let temporary = try Self.filledStore()
        let before = try temporary.store.read { try $0.snapshot() }
        try temporary.store.rawExecuteForTesting("UPDATE runs SET status = 'FAILURE' WHERE status != 'FAILURE'")
        try temporary.store.rawExecuteForTesting("DELETE FROM steps WHERE (run_id, step_key) IN (SELECT run_id, step_key FROM steps LIMIT 1)")
        let verify = try temporary.store.rebuild(verifyOnly: true)
        #expect(Set(verify.differences.map(\.table)) == ["runs", "steps"])
        #expect(try temporary.store.read { try $0.snapshot() } != before)
        let repaired = try temporary.store.rebuild(verifyOnly: false)
        #expect(repaired.swapped)
        #expect(try temporary.store.read { try $0.snapshot() } == before)
        #expect(try temporary.store.rebuild(verifyOnly: true).differences.isEmpty)
    }

    @Test("rebuild refuses a ledger with an edited row")
    func editedRowDetected() throws {
        let temporary = try Self.filledStore()
        try temporary.store.rawExecuteForTesting("UPDATE events SET payload = payload || ' ' WHERE seq = 5")
        #expect {
            _ = try temporary.store.rebuild(verifyOnly: true)
        } throws: { error in
            guard case StoreError.chainBroken(let broken) = error else { return false }
            return broken.seq == 5
        }
        #expect(try temporary.store.health().chainBreak?.seq == 5)
    }

    @Test("rebuild of an empty store succeeds with nothing folded")
    func emptyStore() throws {
        let temporary = try TemporaryStore()
        let report = try temporary.store.rebuild(verifyOnly: true)
        #expect(report.eventsFolded == 0)
        #expect(report.differences.isEmpty)
    }

    @Test("import into an empty store reproduces ledger and projections; a broken chain writes nothing")
    func importRoundTrip() throws {
        let source = try Self.filledStore()
        let rows = try source.store.read { try $0.events(EventFilter()) }
        let exported = rows.map { CanonicalJSON.encode($0.exportJSON()) }
        let target = try TemporaryStore()
        var iterator = exported.makeIterator()
        let count = try target.store.importLedger { try iterator.next().map { try LedgerRow(exported: JSONParser.parse($0)) } }
        #expect(count == Int64(rows.count))
        #expect(try target.store.read { try $0.events(EventFilter()) } == rows)
        #expect(try target.store.read { try $0.snapshot() } == (try source.store.read { try $0.snapshot() }))

        var tampered = exported
        tampered[3] = tampered[3].replacingOccurrences(of: "\"run-", with: "\"nur-")
        let fresh = try TemporaryStore()
        var second = tampered.makeIterator()
        #expect {
            _ = try fresh.store.importLedger { try second.next().map { try LedgerRow(exported: JSONParser.parse($0)) } }
        } throws: { error in
            guard case StoreError.chainBroken(let broken) = error else { return false }
            return broken.seq == 4
        }
        #expect(try fresh.store.read { try $0.eventCount() } == 0)
        #expect(try fresh.store.read { try $0.snapshot().runs.isEmpty })
    }

    @Test("import refuses a store that already holds events")
    func importNeedsEmptyStore() throws {
        let source = try Self.filledStore(runs: 2)
        let rows = try source.store.read { try $0.events(EventFilter()) }
        var iterator = rows.makeIterator()
        #expect {
            _ = try source.store.importLedger { iterator.next() }
        } throws: { error in
            if case StoreError.notEmpty = error { return true }
            return false
        }
    }
}
