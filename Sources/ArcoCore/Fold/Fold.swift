/// What folding one event did.
public enum FoldOutcome: Sendable, Hashable {
    /// The event changed the projections (or was a fact they record without change).
    case applied
    /// The event stays in the ledger but changed nothing, for this reason.
    case rejected(String)
    /// An event with this idempotency key was folded before; nothing happened.
    case duplicate
    /// The event's type is unknown to this build; skipped and counted.
    case unknown
}

/// The fold: a pure function of the ordered ledger into projections.
///
/// It never reads the clock (time comes from `recordedAt`), never makes ids, never does I/O of
/// its own and never emits events. This file only gates and dispatches; each projection's rules
/// live in their own file.
public enum Fold {
    /// The version of the fold's rules. Raise it when a rule changes what projections hold, so that
    /// stores folded by an older build are rebuilt.
    public static let version: Int64 = 7

    /// Folds one event, updating `meta` (which the caller persists once per batch).
    @discardableResult
    public static func apply(_ event: Event, to writer: some ProjectionWriter, meta: inout ProjectionMeta) throws
        -> FoldOutcome
    {
        let row = event.row
        // A writer whose keys are unique by construction (the store's, backed by the ledger's
        // unique index) skips the duplicate lookup below, which is sound only while each event is
        // folded once, in ledger order. Writers that look keys up may be handed a ledger again.
        precondition(
            row.seq > meta.appliedSeq || !writer.keysAreUniqueByConstruction,
            "fold out of order: seq \(row.seq) after \(meta.appliedSeq)")
        meta.appliedSeq = row.seq
        meta.appliedHash = row.hash
        if !writer.keysAreUniqueByConstruction, try writer.appliedKey(row.idempotencyKey) != nil { return .duplicate }
        let decision = try dispatch(event, to: writer)
        let kind: FoldOutcomeKind
        switch decision {
        case .applied:
            kind = .applied
        case .rejected(let reason):
            kind = .rejected
            meta.rejectedEvents += 1
            try writer.insertRejection(
                FoldRejectionRow(seq: row.seq, idempotencyKey: row.idempotencyKey, type: row.type, reason: reason))
        case .unknown:
            kind = .unknown
            meta.unknownEvents += 1
        case .duplicate:
            return .duplicate
        }
        try writer.insertAppliedKey(
            AppliedKeyRow(idempotencyKey: row.idempotencyKey, seq: row.seq, type: row.type, outcome: kind))
        return decision
    }

    private static func dispatch(_ event: Event, to writer: some ProjectionWriter) throws -> FoldOutcome {
        let at = event.row.recordedAt
        switch event.payload {
        case .runRequested(let body):
            if let reason = try SensorFold.dropReason(body, writer) { return .rejected(reason) }
            return try RunFold.requested(body, seq: event.row.seq, at: at, writer)
        case .runStarted(let body): return try RunFold.started(body, at: at, writer)
        case .runWorkerLost(let body): return try RunFold.workerLost(body, at: at, writer)
        case .runCancelRequested(let body): return try RunFold.cancelRequested(body, at: at, writer)
        case .stepStarted(let body): return try StepFold.started(body, at: at, writer)
        case .stepFinished(let body): return try StepFold.finished(body, at: at, writer)
        case .dynamicPartitionsChanged(let body):
            return try DynamicPartitionsFold.changed(body, seq: event.row.seq, writer)
        case .assetMaterialized(let body):
            return try PartitionStatusFold.materialized(body, seq: event.row.seq, at: at, writer)
        case .backfillCreated(let body): return try BackfillFold.created(body, seq: event.row.seq, at: at, writer)
        case .backfillChunkPlanned(let body): return try BackfillFold.chunkPlanned(body, at: at, writer)
        case .backfillStateChanged(let body): return try BackfillFold.stateChanged(body, at: at, writer)
        case .automationEvaluated:
            // History only: read back from the ledger (`arco events --type AutomationEvaluated`).
            return .applied
        case .scheduleTicked(let body): return try ScheduleFold.ticked(body, at: at, writer)
        case .scheduleStateChanged(let body): return try ScheduleFold.stateChanged(body, writer)
        case .scheduleBaselineSet(let body): return try ScheduleFold.baselineSet(body, writer)
        case .sensorEvaluated(let body): return try SensorFold.evaluated(body, seq: event.row.seq, at: at, writer)
        case .sensorStateChanged(let body): return try SensorFold.stateChanged(body, writer)
        case .sensorCursorSet(let body): return try SensorFold.cursorSet(body, writer)
        case .unknown:
            return .unknown
        }
    }
}
