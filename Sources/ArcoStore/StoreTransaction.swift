import ArcoCore

/// What appending a batch did.
public struct AppendResult: Sendable {
    /// The rows inserted, in ledger order.
    public var appended: [LedgerRow]
    /// The fold's verdict on each appended row, in the same order.
    public var outcomes: [FoldOutcome]
    /// The keys dropped because the ledger already held them (the global idempotency gate).
    public var duplicates: [IdempotencyKey]
}

/// One write transaction: decisions read projections and append events, and everything commits
/// or nothing does.
public struct StoreTransaction {
    let session: any SQLSession

    /// The projections, for decisions made inside the transaction (run-key reservation, state
    /// versions): what they read cannot change before the commit.
    public var projections: some ProjectionWriter { SQLProjectionWriter(session) }

    /// The projection meta row as of this transaction.
    public func meta() throws -> ProjectionMeta { try SQLProjectionWriter(session).meta() }

    /// Replaces the projection meta row (folds driven by callers, e.g. conformance tests).
    public func setMeta(_ meta: ProjectionMeta) throws { try SQLProjectionWriter(session).setMeta(meta) }

    /// A reader over the same transaction.
    public var reader: StoreReader { StoreReader(session: session) }

    /// Appends events and folds each inserted one, in this transaction.
    ///
    /// A draft whose idempotency key is already in the ledger is dropped before the fold.
    /// - Parameters:
    ///   - drafts: the events, each with the id it gets if inserted.
    ///   - recordedAt: the time read once by the command.
    ///   - fold: `false` only for benchmarks that measure the ledger alone; the projections then lag
    ///     behind the ledger until `arco rebuild`, and `arco doctor` reports it.
    public func append(_ drafts: [(EventDraft, EventID)], recordedAt: Timestamp, fold: Bool = true) throws
        -> AppendResult
    {
        let writer = SQLProjectionWriter(session, buffered: true)
        // PostgreSQL: the batch's keys the ledger holds, read up front, so that the inserts need
        // no row count and can be deferred (`insert(_:unlessIn:)`).
        let single = drafts.count == 1 && fold ? drafts[0].0.correlationID.map(RunID.init) : nil
        let head = try appendHead(keys: drafts.map(\.0.idempotencyKey), run: single, writer: writer)
        var meta = head.meta
        // The chain links from the ledger's own last row, never from derived data; the meta row
        // must sit on that row, or folding on top would build on projections that are wrong.
        // postgres: seq = tip + 1 holds only while writers are serialized, as `BEGIN IMMEDIATE` does here.
        var tip = head.tip
        if fold {
            if meta.appliedSeq > tip.seq || (meta.appliedSeq == tip.seq && meta.appliedHash != tip.hash) {
                throw StoreError.ledgerTruncated(appliedSeq: meta.appliedSeq, tipSeq: tip.seq)
            }
            if meta.appliedSeq < tip.seq { throw StoreError.projectionsBehind(appliedSeq: meta.appliedSeq, tipSeq: tip.seq) }
        }
        var result = AppendResult(appended: [], outcomes: [], duplicates: [])
        result.appended.reserveCapacity(drafts.count)
        let recordedAtText = recordedAt.iso8601
        var keys = head.keys
        // SQLite reads a row in microseconds and keeps reading them one by one; a single event
        // reads each row at most once anyway, so prefetching for it would only add queries.
        if fold, drafts.count > 1, session.dialect == .postgres { try prefetch(for: drafts, into: writer) }
        for (draft, eventID) in drafts {
            let row = LedgerRow(
                draft: draft, seq: tip.seq + 1, eventID: eventID, recordedAt: recordedAt, previousHash: tip.hash,
                recordedAtText: recordedAtText)
            guard try insert(row, unlessIn: &keys) else {
                result.duplicates.append(draft.idempotencyKey)
                continue
            }
            tip = (row.seq, row.hash)
            result.appended.append(row)
            guard fold else { continue }
            result.outcomes.append(try Fold.apply(Event(row: row, payload: draft.payload), to: writer, meta: &meta))
        }
        if fold, !result.appended.isEmpty {
            try writer.flush()
            try writer.setMeta(meta)
        }
        return result
    }

    /// Inserts `row` unless the ledger already holds its idempotency key; false when it does.
    ///
    /// With `keys` (PostgreSQL), the keys the ledger and this batch hold are known up front, so
    /// the insert need not report whether it happened and is deferred, to be sent batched.
    /// SQLite asks the ledger's UNIQUE index row by row, which costs no round trip there.
    private func insert(_ row: LedgerRow, unlessIn keys: inout Set<[UInt8]>?) throws -> Bool {
        guard keys != nil else { return try session.execute(Self.insertSQL, Self.arguments(row)) > 0 }
        guard keys?.insert(Array(row.idempotencyKey.rawValue.utf8)).inserted == true else { return false }
        try session.executeDeferred(Self.insertNewSQL, Self.arguments(row))
        return true
    }

    /// Inserts an exported row as is (import); the caller has verified its place in the chain.
    ///
    /// A row that repeats a unique value is skipped by the statement, then named by one lookup:
    /// telling the two apart by the database's error would need each store's error codes.
    func insertVerbatim(_ row: LedgerRow) throws {
        guard try session.execute(Self.insertVerbatimSQL, Self.arguments(row)) == 0 else { return }
        if try session.row("SELECT 1 FROM events WHERE idempotency_key = ?", [row.idempotencyKey.rawValue]) != nil {
            throw StoreError.invalidImport("row \(row.seq) repeats idempotency key '\(row.idempotencyKey)'")
        }
        throw StoreError.invalidImport("row \(row.seq) repeats event id '\(row.eventID)'")
    }

    /// The ledger's last row, checked before anything links onto it.
    ///
    /// The whole chain is verified only by `doctor` and `rebuild --verify`; without this check, a
    /// row edited at the tip would be linked onto and the damage buried under new rows. The tip's
    /// hash is recomputed from its own columns and the hash of the row before it: two rows read
    /// by primary key and one digest per transaction.
    /// - Throws: `StoreError.chainBroken` when the tip does not hash to its stored hash.
    func ledgerTip() throws -> (seq: Int64, hash: String) {
        try ledgerTip(verifying: try session.rows(Self.lastRowsSQL).map(StoreReader.ledgerRow))
    }

    /// The tip from the ledger's last two rows, newest first, verified as `ledgerTip()` does.
    func ledgerTip(verifying rows: [LedgerRow]) throws -> (seq: Int64, hash: String) {
        guard let tip = rows.first else { return (0, LedgerHash.genesis) }
        let previous = rows.count > 1 ? rows[1] : nil
        guard previous.map({ $0.seq == tip.seq - 1 }) ?? (tip.seq == 1) else {
            throw StoreError.chainBroken(LedgerHash.Break(seq: tip.seq, reason: "the row before it is missing"))
        }
        guard LedgerHash.compute(previous: previous?.hash ?? LedgerHash.genesis, row: tip) == tip.hash else {
            throw StoreError.chainBroken(
                LedgerHash.Break(seq: tip.seq, reason: "hash mismatch: the last row was edited or damaged"))
        }
        return (tip.seq, tip.hash)
    }

    static let lastRowsSQL = "SELECT \(StoreReader.eventColumns) FROM events ORDER BY seq DESC LIMIT 2"

    static let insertSQL = """
        INSERT INTO events (seq, event_id, type, version, recorded_at, idempotency_key, correlation_id, \
        causation_id, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING
        """

    /// The same insert for a row whose key is known to be new: a repeated key then is an error,
    /// never a row silently dropped after the fold has applied it.
    static let insertNewSQL = """
        INSERT INTO events (seq, event_id, type, version, recorded_at, idempotency_key, correlation_id, \
        causation_id, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The same insert, skipping a row that repeats any unique column (import names which).
    static let insertVerbatimSQL = """
        INSERT INTO events (seq, event_id, type, version, recorded_at, idempotency_key, correlation_id, \
        causation_id, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
        """

    static func arguments(_ row: LedgerRow) -> SQLArguments {
        [
            row.seq, row.eventID.rawValue, row.type, row.version, row.recordedAtText,
            row.idempotencyKey.rawValue, row.correlationID, row.causationID?.rawValue, row.payload, row.hash,
        ]
    }
}
