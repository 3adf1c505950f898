import ArcoCore
import ArcoStore
import Foundation

/// One behavioural suite for every `WorkspaceStore`: SQLite and PostgreSQL must do the same
/// things with the same ledger (docs/adr/0023-postgres-store.md, "One SQL text, two sessions").
/// `ProjectionWriterConformance` checks the tables one write at a time; this checks what the
/// engine relies on from a whole store: one transaction for append and fold, the idempotency
/// gate, the chain, rebuild, export and import, leases and the fence, and concurrent writers.
///
/// Each check takes a fresh store from a `StoreFactory` and returns the problems it found, so a
/// test target runs every check against every store with `#expect(problems.isEmpty)` and the full
/// list in the failure message. The expectations are the same for all stores: a check never asks
/// which store it has.
public enum StoreConformance {
    /// The checks, one per property a store must have.
    public enum Check: String, CaseIterable, Sendable {
        case appendAndFoldCommitTogether
        case idempotencyGate
        case runKeyReservation
        case hashChain
        case tipMismatch
        case rebuild
        case importIntoNonEmptyStore
        case importRepeats
        case leases
        case fence
        case launches
        case stalenessCache
        case lastMaterializations
        case concurrentAppends
        case concurrentSameKey
    }

    /// Runs one check against a fresh store from `factory`.
    public static func run(_ check: Check, on factory: StoreFactory) throws -> [String] {
        switch check {
        case .appendAndFoldCommitTogether: return try appendAndFoldCommitTogether(factory)
        case .idempotencyGate: return try idempotencyGate(factory)
        case .runKeyReservation: return try runKeyReservation(factory)
        case .hashChain: return try hashChain(factory)
        case .tipMismatch: return try tipMismatch(factory)
        case .rebuild: return try rebuild(factory)
        case .importIntoNonEmptyStore: return try importIntoNonEmptyStore(factory)
        case .importRepeats: return try importRepeats(factory)
        case .leases: return try leases(factory)
        case .fence: return try fence(factory)
        case .launches: return try launches(factory)
        case .stalenessCache: return try stalenessCache(factory)
        case .lastMaterializations: return try lastMaterializations(factory)
        case .concurrentAppends: return try concurrentAppends(factory)
        case .concurrentSameKey: return try concurrentSameKey(factory)
        }
    }

    // MARK: - Helpers shared by the checks

    /// A fixed instant the checks count from.
    static func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: 1_704_067_200 + seconds) }

    /// Appends `drafts` in one write transaction, each with a fresh event id.
    @discardableResult
    static func append(_ drafts: [EventDraft], to store: any WorkspaceStore, at time: Timestamp = at(0)) throws -> AppendResult {
        try store.write { transaction in
            try transaction.append(drafts.map { ($0, EventID("evt-" + UUID().uuidString)) }, recordedAt: time)
        }
    }

    /// A run request without a run key: its idempotency key is `run:NAME`.
    static func run(_ name: String) -> EventDraft { EventDraft(EventBuilders.runRequested(name)) }

    /// The store's projections and ledger, read in one snapshot.
    static func state(_ store: any WorkspaceStore) throws -> (snapshot: ProjectionSnapshot, events: [LedgerRow]) {
        try store.read { (try $0.snapshot(), try $0.events(EventFilter())) }
    }

    /// The in-memory writer's fold of the store's own ledger: what the projections must equal.
    static func folded(_ store: any WorkspaceStore) throws -> ProjectionSnapshot {
        let memory = InMemoryProjections()
        try memory.fold(try store.read { try $0.events(EventFilter()) }.map { try $0.decoded() })
        return memory.snapshot()
    }

    /// The fields in which two snapshots differ, by name, or nothing when they are equal: a
    /// whole snapshot in a failure message hides the one table that differs.
    static func differences(_ left: ProjectionSnapshot, _ right: ProjectionSnapshot) -> [String] {
        guard left != right else { return [] }
        let rightFields = Dictionary(
            Mirror(reflecting: right).children.compactMap { child in child.label.map { ($0, String(describing: child.value)) } },
            uniquingKeysWith: { first, _ in first })
        return Mirror(reflecting: left).children.compactMap { child in
            guard let label = child.label else { return nil }
            let value = String(describing: child.value)
            return rightFields[label] == value ? nil : "\(label): \(value.prefix(600)) ≠ \(rightFields[label]?.prefix(600) ?? "")"
        }
    }

    /// Expects two snapshots to be equal, naming the fields that differ.
    static func expectSame(_ left: ProjectionSnapshot, _ right: ProjectionSnapshot, _ message: String, _ problems: inout [String]) {
        let found = differences(left, right)
        if !found.isEmpty { problems.append("\(message): \(found.joined(separator: "; "))") }
    }

    static func expect(_ condition: @autoclosure () throws -> Bool, _ message: String, _ problems: inout [String]) {
        do {
            if try !condition() { problems.append(message) }
        } catch {
            problems.append("\(message): threw \(error)")
        }
    }

    /// Runs `body`, which must throw a `StoreError` that `matches` accepts.
    static func expectStoreError(
        _ message: String, _ problems: inout [String], matches: (StoreError) -> Bool, _ body: () throws -> Void
    ) {
        do {
            try body()
            problems.append("\(message): no error")
        } catch let error as StoreError {
            if !matches(error) { problems.append("\(message): \(error)") }
        } catch {
            problems.append("\(message): not a StoreError: \(error)")
        }
    }
}
