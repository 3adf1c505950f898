import ArcoCore
import ArcoStore

/// Export and import: a ledger read from one store loads into a fresh store of any kind and
/// folds to the same projections.
extension StoreConformance {
    /// The ledger `arco export` would write: several runs, steps, a duplicate, a run-key conflict
    /// and a generated tail, so every projection table has rows.
    static func exportedLedger(_ store: any WorkspaceStore) throws {
        try append(
            [
                run("r1"), EventDraft(EventBuilders.stepStarted("r1", "a")),
                EventDraft(EventBuilders.runRequested("k1", runKey: "key", fingerprint: "f1")),
                EventDraft(EventBuilders.runRequested("k2", runKey: "key", fingerprint: "f2")),
            ], to: store)
        var generator = EventSequenceGenerator(seed: 11)
        for (index, draft) in generator.drafts(runs: 6).enumerated() {
            try append([draft], to: store, at: at(Int64(index + 1)))
        }
    }

    /// Reads `source`'s ledger as export does and imports it into a fresh store from `target`:
    /// the same rows and the same projections, and the imported store goes on appending.
    public static func exportImport(from source: StoreFactory, to target: StoreFactory) throws -> [String] {
        var problems = [String]()
        let exportingSubject = try source.fresh()
        defer { exportingSubject.keepAlive() }
        let exporting = exportingSubject.store
        try exportedLedger(exporting)
        let exported = try state(exporting)
        let importingSubject = try target.fresh()
        defer { importingSubject.keepAlive() }
        let importing = importingSubject.store
        var rows = exported.events.makeIterator()
        let count = try importing.importLedger { rows.next() }
        expect(count == Int64(exported.events.count), "every row imported: \(count) of \(exported.events.count)", &problems)
        let imported = try state(importing)
        expect(imported.events == exported.events, "\(source.name) → \(target.name): the same ledger rows", &problems)
        expectSame(imported.snapshot, exported.snapshot, "\(source.name) → \(target.name): the same projections", &problems)
        let health = try importing.health()
        expect(health.chainBreak == nil && health.tipMismatch == nil, "the imported store is healthy", &problems)
        let next = try append([run("after-import")], to: importing, at: at(100))
        expect(next.appended.first?.seq == Int64(exported.events.count + 1), "appends continue the imported chain", &problems)
        return problems
    }

    /// Importing into a store that holds events fails with `notEmpty` and changes nothing.
    static func importIntoNonEmptyStore(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let sourceSubject = try factory.fresh()
        defer { sourceSubject.keepAlive() }
        let source = sourceSubject.store
        try exportedLedger(source)
        let rows = try source.read { try $0.events(EventFilter()) }
        let targetSubject = try factory.fresh()
        defer { targetSubject.keepAlive() }
        let target = targetSubject.store
        try append([run("mine")], to: target)
        let before = try state(target)
        let epoch = try target.read { try $0.stalenessCacheEpoch() }
        var iterator = rows.makeIterator()
        expectStoreError("an import into a store with one event", &problems, matches: { if case .notEmpty(1) = $0 { true } else { false } }) {
            _ = try target.importLedger { iterator.next() }
        }
        let after = try state(target)
        expect(after.events == before.events && after.snapshot == before.snapshot, "the refused import changed nothing", &problems)
        expect(try target.read { try $0.stalenessCacheEpoch() } == epoch, "nor the cache epoch", &problems)
        // A chain that does not link is refused whole, even into an empty store.
        let emptySubject = try factory.fresh()
        defer { emptySubject.keepAlive() }
        let empty = emptySubject.store
        var broken = rows
        broken.remove(at: 1)
        var brokenRows = broken.makeIterator()
        expectStoreError("an import of a chain with a row missing", &problems, matches: { if case .chainBroken = $0 { true } else { false } }) {
            _ = try empty.importLedger { brokenRows.next() }
        }
        expect(try empty.read { try $0.eventCount() } == 0, "the refused import left the store empty", &problems)
        return problems
    }

    /// A valid chain that repeats an event id or an idempotency key deep inside a long import is
    /// refused whole, naming the row and what it repeats, and leaves the store empty.
    static func importRepeats(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        for repeated in ["event id", "idempotency key"] {
            var builder = LedgerBuilder()
            builder.append((0..<2_500).map { run("r\($0)") })
            var rows = builder.rows
            let copy = 2_100
            if repeated == "event id" { rows[copy].eventID = rows[7].eventID } else { rows[copy].idempotencyKey = rows[7].idempotencyKey }
            for index in copy..<rows.count {
                rows[index].hash = LedgerHash.compute(previous: rows[index - 1].hash, row: rows[index])
            }
            let subject = try factory.fresh()
            defer { subject.keepAlive() }
            var iterator = rows.makeIterator()
            expectStoreError("an import repeating an \(repeated)", &problems, matches: {
                if case .invalidImport(let reason) = $0 { reason.contains("row \(copy + 1) repeats \(repeated)") } else { false }
            }) {
                _ = try subject.store.importLedger { iterator.next() }
            }
            expect(try subject.store.read { try $0.eventCount() } == 0, "the refused import left the store empty", &problems)
        }
        return problems
    }
}

