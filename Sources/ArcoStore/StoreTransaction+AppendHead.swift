import ArcoCore

extension StoreTransaction {
    /// What an append reads before it writes: the projections' meta row, the ledger's tip, and
    /// (PostgreSQL only) which of the drafts' idempotency keys the ledger already holds.
    struct AppendHead {
        var meta: ProjectionMeta
        var tip: (seq: Int64, hash: String)
        var keys: Set<[UInt8]>?
    }

    /// Reads the append's head. SQLite reads meta and tip apart, each a few microseconds, and
    /// asks the keys' index row by row later. PostgreSQL reads the three in one statement when
    /// there is at most one key (a single event's commit): each statement saved there is a
    /// round trip of 50–70 µs, a tenth of such a commit (docs/benchmarks.md).
    func appendHead(keys: [IdempotencyKey], writer: SQLProjectionWriter) throws -> AppendHead {
        guard session.dialect == .postgres else {
            return AppendHead(meta: try writer.meta(), tip: try ledgerTip(), keys: nil)
        }
        guard keys.count <= 1 else {
            return AppendHead(meta: try writer.meta(), tip: try ledgerTip(), keys: try ledgerKeys(among: keys))
        }
        let rows = try session.rows(Self.headSQL, [keys.first?.rawValue])
        var head = AppendHead(meta: .empty, tip: (0, LedgerHash.genesis), keys: [])
        // Every row carries the meta columns and the key's presence; the event columns are NULL
        // on the one row an empty ledger gives.
        if let first = rows.first {
            let metaColumn = Self.headEventColumnCount
            if let appliedSeq: Int64 = first[metaColumn] {
                head.meta = ProjectionMeta(
                    appliedSeq: appliedSeq, appliedHash: first[metaColumn + 1], unknownEvents: first[metaColumn + 2],
                    rejectedEvents: first[metaColumn + 3], foldVersion: first[metaColumn + 4])
            }
            if let held: String = first[metaColumn + 5] { head.keys = [Array(held.utf8)] }
        }
        let events = rows.filter { ($0[0] as Int64?) != nil }.map(StoreReader.ledgerRow)
        head.tip = try ledgerTip(verifying: events)
        return head
    }

    private static let headEventColumnCount = 10

    /// The last two events (none on an empty ledger), each with the meta row and the key the
    /// ledger holds among the one asked about (NULL when it holds none, or none was asked).
    private static let headSQL = """
        SELECT e.seq, e.event_id, e.type, e.version, e.recorded_at, e.idempotency_key, e.correlation_id, \
        e.causation_id, e.payload, e.hash, \
        m.applied_seq, m.applied_hash, m.unknown_events, m.rejected_events, m.fold_version, \
        (SELECT k.idempotency_key FROM events k WHERE k.idempotency_key = h.key) \
        FROM (SELECT ?::text AS key) h \
        LEFT JOIN projection_meta m ON m.id = 1 \
        LEFT JOIN LATERAL (SELECT \(StoreReader.eventColumns) FROM events ORDER BY seq DESC LIMIT 2) e ON true \
        ORDER BY e.seq DESC
        """
}
