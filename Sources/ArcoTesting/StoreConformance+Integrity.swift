import ArcoCore
import ArcoStore

/// Damage and repair: the hash chain, the meta row against the ledger's tip, rebuild.
extension StoreConformance {
    /// `health` finds no break on a good ledger and the first edited row on a damaged one, and
    /// an append refuses to link onto an edited tip.
    static func hashChain(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        try append([run("r1"), run("r2")], to: store)
        let healthy = try store.health()
        expect(healthy.chainBreak == nil && healthy.events == 2 && healthy.tipSeq == 2, "a good chain has no break", &problems)
        expect(healthy.pendingMigrations.isEmpty && healthy.tipMismatch == nil, "a fresh store is migrated and folded", &problems)
        try store.rawExecuteForTesting("UPDATE events SET payload = payload || ' ' WHERE seq = 2")
        let damaged = try store.health()
        expect(damaged.chainBreak?.seq == 2, "health reports the break at row 2: \(String(describing: damaged.chainBreak))", &problems)
        let before = try state(store)
        expectStoreError("an append onto the edited tip", &problems, matches: { if case .chainBroken(let broken) = $0 { broken.seq == 2 } else { false } }) {
            try append([run("r3")], to: store, at: at(1))
        }
        let after = try state(store)
        expect(after.events == before.events && after.snapshot == before.snapshot, "the refused append wrote nothing", &problems)
        return problems
    }

    /// The meta row must sit on the ledger's last row: rows appended unfolded leave the
    /// projections behind, and a deleted last row leaves them ahead of a truncated ledger; both
    /// `tipMismatch` and `health` say which, and a folding append refuses both.
    static func tipMismatch(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let behindSubject = try factory.fresh()
        defer { behindSubject.keepAlive() }
        let behind = behindSubject.store
        try append([run("r1"), run("r2")], to: behind)
        expect(try behind.read { try $0.tipMismatch() } == nil, "a folded store has no mismatch", &problems)
        _ = try behind.write { try $0.append([(run("r3"), EventID("evt-unfolded"))], recordedAt: at(1), fold: false) }
        let isBehind: (StoreError?) -> Bool = { if case .projectionsBehind(2, 3)? = $0 { true } else { false } }
        expect(isBehind(try behind.read { try $0.tipMismatch() }), "unfolded rows leave the projections behind (2 of 3)", &problems)
        expect(isBehind(try behind.health().tipMismatch), "health reports the projections behind", &problems)
        expectStoreError("a folding append onto unfolded rows", &problems, matches: { isBehind($0) }) {
            try append([run("r4")], to: behind, at: at(2))
        }
        let truncatedSubject = try factory.fresh()
        defer { truncatedSubject.keepAlive() }
        let truncated = truncatedSubject.store
        try append([run("r1"), run("r2"), run("r3")], to: truncated)
        try truncated.rawExecuteForTesting("DELETE FROM events WHERE seq = 3")
        let isTruncated: (StoreError?) -> Bool = { if case .ledgerTruncated(3, 2)? = $0 { true } else { false } }
        expect(isTruncated(try truncated.read { try $0.tipMismatch() }), "a deleted last row is a truncated ledger", &problems)
        expect(isTruncated(try truncated.health().tipMismatch), "health reports the truncated ledger", &problems)
        expectStoreError("an append onto a truncated ledger", &problems, matches: { isTruncated($0) }) {
            try append([run("r4")], to: truncated, at: at(2))
        }
        expectStoreError("a rebuild over a truncated ledger", &problems, matches: { isTruncated($0) }) {
            _ = try truncated.rebuild(verifyOnly: false)
        }
        return problems
    }

    /// `--verify` finds nothing on a healthy store and the damaged table on a damaged one without
    /// changing anything; a rebuild then repairs it, equal to a fold of the ledger.
    static func rebuild(_ factory: StoreFactory) throws -> [String] {
        var problems = [String]()
        let subject = try factory.fresh()
        defer { subject.keepAlive() }
        let store = subject.store
        try append(
            [run("r1"), run("r2"), EventDraft(EventBuilders.stepStarted("r1", "a")), run("r1")], to: store)
        let healthy = try store.read { try $0.snapshot() }
        let verified = try store.rebuild(verifyOnly: true)
        expect(verified.differences.isEmpty && !verified.swapped, "a healthy store verifies clean: \(verified)", &problems)
        expect(verified.eventsFolded == 3, "verification folds the three rows: \(verified.eventsFolded)", &problems)
        try store.rawExecuteForTesting("DELETE FROM runs")
        let damaged = try state(store)
        let found = try store.rebuild(verifyOnly: true)
        expect(
            found.differences == [TableDifference(table: "runs", onlyLive: 0, onlyRebuilt: 2)] && !found.swapped,
            "verification names the emptied table: \(found.differences)", &problems)
        let unchanged = try state(store)
        expect(unchanged.snapshot == damaged.snapshot && unchanged.events == damaged.events, "verification changed nothing", &problems)
        let repaired = try store.rebuild(verifyOnly: false)
        expect(repaired.swapped && repaired.eventsFolded == 3, "the rebuild swaps in the fold: \(repaired)", &problems)
        expectSame(try store.read { try $0.snapshot() }, healthy, "the rebuilt projections equal the healthy ones", &problems)
        expect(try store.rebuild(verifyOnly: true).differences.isEmpty, "the repaired store verifies clean", &problems)
        try append([run("r5")], to: store, at: at(1))
        expectSame(try store.read { try $0.snapshot() }, try folded(store), "appends go on folding after a rebuild", &problems)
        return problems
    }
}
