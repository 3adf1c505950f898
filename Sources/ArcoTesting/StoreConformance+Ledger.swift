import ArcoCore
import ArcoStore

/// Appending: the ledger row and its fold commit together, the idempotency gate, run keys.
extension StoreConformance {
    struct Abandoned: Error {}

    /// Projections match a fold of the ledger after each commit; an error thrown inside `write`
    /// after an append leaves neither the ledger row nor its projection change.
    static func appendAndFoldCommitTogether(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        let fresh = try store.read { try $0.meta() }
        // Otherwise the first append carries an old version into the meta row (PostgreSQL 0003).
        expect(fresh.foldVersion == Fold.version, "a fresh store is at the current fold version: \(fresh.foldVersion)", &problems)
        let result = try append(
            [run("r1"), EventDraft(EventBuilders.stepStarted("r1", "a")), EventDraft(EventBuilders.stepFinished("r1", "a"))],
            to: store)
        expect(result.appended.map(\.seq) == [1, 2, 3], "three rows numbered 1...3: \(result.appended.map(\.seq))", &problems)
        expect(result.outcomes.count == 3 && result.duplicates.isEmpty, "three folds, no duplicates", &problems)
        let (before, events) = try state(store)
        expectSame(before, try folded(store), "the projections equal the in-memory fold after the commit", &problems)
        expect(before.runs.map(\.runID) == ["r1"] && before.meta.appliedSeq == 3, "run r1 folded up to row 3", &problems)
        do {
            try store.write { transaction in
                _ = try transaction.append([(run("r2"), EventID("evt-abandoned"))], recordedAt: at(1))
                throw Abandoned()
            }
            problems.append("an error thrown inside write did not reach the caller")
        } catch is Abandoned {}
        let (after, eventsAfter) = try state(store)
        expect(eventsAfter == events, "an abandoned write leaves no ledger row", &problems)
        expect(after == before, "an abandoned write leaves no projection change", &problems)
        expect(try store.read { try $0.run("r2") } == nil, "the abandoned run is not readable", &problems)
        // The next append links onto the last committed row, not the abandoned one.
        let next = try append([run("r3")], to: store, at: at(2))
        expect(next.appended.map(\.seq) == [4], "the next append gets row 4", &problems)
        expect(try store.health().chainBreak == nil, "the chain is intact after the rollback", &problems)
        return problems
    }

    /// A key already in the ledger is reported in `duplicates` and neither inserted nor folded,
    /// whether it came in an earlier transaction or earlier in the same batch.
    static func idempotencyGate(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        try append([run("r1")], to: store)
        let before = try state(store)
        let again = try append([run("r1")], to: store, at: at(1))
        expect(again.appended.isEmpty && again.outcomes.isEmpty, "a repeated key across transactions is not appended", &problems)
        expect(again.duplicates == [IdempotencyKey("run:r1")], "the repeat is reported: \(again.duplicates)", &problems)
        let after = try state(store)
        expect(after.events == before.events && after.snapshot == before.snapshot, "the repeat changed nothing", &problems)
        let batch = try append([run("r2"), EventDraft(EventBuilders.stepStarted("r2", "a")), run("r2"), run("r1")], to: store, at: at(2))
        expect(batch.appended.map(\.seq) == [2, 3], "the batch appends its two new keys as rows 2 and 3", &problems)
        expect(batch.outcomes.count == 2, "only the appended rows are folded", &problems)
        expect(
            batch.duplicates == [IdempotencyKey("run:r2"), IdempotencyKey("run:r1")],
            "repeats within the batch and of earlier rows are reported in order: \(batch.duplicates)", &problems)
        let snapshot = try store.read { try $0.snapshot() }
        expect(snapshot.appliedKeys.count == 3, "three keys applied: \(snapshot.appliedKeys.map(\.idempotencyKey))", &problems)
        expectSame(snapshot, try folded(store), "the projections equal the in-memory fold", &problems)
        // Keys compare byte by byte, as the ledger's UNIQUE index does: two canonically
        // equivalent spellings (equal as Swift strings) are two keys.
        let spellings = try append(
            ["é", "e\u{301}"].map {
                EventDraft(unknownType: "conformance.spelling", version: 1, payload: .object([:]), idempotencyKey: IdempotencyKey("spelling:" + $0))
            }, to: store, at: at(3))
        expect(
            spellings.appended.count == 2 && spellings.duplicates.isEmpty,
            "keys that differ in bytes are distinct: appended \(spellings.appended.count), duplicates \(spellings.duplicates.count)", &problems)
        return problems
    }

    /// The first request under a run key reserves it; the same request again (same fingerprint)
    /// is the same event, dropped by the gate, so there is one run; a different request under the
    /// key is recorded as a conflict and never becomes a run.
    static func runKeyReservation(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        let key = RunKey("nightly:2024-01-01")
        let first = EventDraft(EventBuilders.runRequested("r1", runKey: key.rawValue, fingerprint: "f1"))
        try append([first], to: store)
        let same = try append([EventDraft(EventBuilders.runRequested("r2", runKey: key.rawValue, fingerprint: "f1"))], to: store, at: at(1))
        expect(same.appended.isEmpty && same.duplicates.count == 1, "the same request under the key is a duplicate", &problems)
        let other = try append(
            [EventDraft(EventBuilders.runRequested("r3", runKey: key.rawValue, fingerprint: "f2"))], to: store, at: at(2))
        expect(other.appended.map(\.seq) == [2], "a different request under the key is recorded as row 2", &problems)
        let (reservation, conflicts, runs) = try store.read { reader in
            (try reader.runKey(key), try reader.runKeyConflicts(key), try reader.snapshot().runs)
        }
        expect(runs.map(\.runID) == ["r1"], "one run: \(runs.map(\.runID))", &problems)
        expect(reservation?.runID == "r1" && reservation?.fingerprint == "f1" && reservation?.seq == 1, "the key names r1", &problems)
        expect(
            conflicts.map { [$0.seq.description, $0.existingRunID.rawValue, $0.conflictingRunID.rawValue, $0.conflictingFingerprint] }
                == [["2", "r1", "r3", "f2"]],
            "one conflict row for r3: \(conflicts)", &problems)
        expectSame(try store.read { try $0.snapshot() }, try folded(store), "the projections equal the in-memory fold", &problems)
        return problems
    }
}
