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
    ///
    /// With `run` (the single event's run, when it names one), the same statement reads that
    /// run's row and its steps into `writer`, which the fold of most run events reads first:
    /// two more round trips saved.
    func appendHead(keys: [IdempotencyKey], run: RunID? = nil, writer: SQLProjectionWriter) throws -> AppendHead {
        guard session.dialect == .postgres else {
            return AppendHead(meta: try writer.meta(), tip: try ledgerTip(), keys: nil)
        }
        guard keys.count <= 1 else {
            return AppendHead(meta: try writer.meta(), tip: try ledgerTip(), keys: try ledgerKeys(among: keys))
        }
        let rows = try session.rows(Self.headSQL, [keys.first?.rawValue, run?.rawValue])
        if let run, let first = rows.first { try seed(run, from: first, into: writer) }
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

    /// The run and step columns of the head's row, each row a JSON array of the columns in
    /// `ProjectionSQL`'s order, decoded as the binary columns would be.
    private func seed(_ run: RunID, from row: SQLRow, into writer: SQLProjectionWriter) throws {
        let runColumn = Self.headEventColumnCount + 6
        let runRow = try (row[runColumn] as String?).map { try ProjectionRowCoding.runRow(try Self.jsonRow($0)) }
        var steps = [StepRow]()
        if let text: String = row[runColumn + 1], case .array(let arrays) = try JSONParser.parse(text) {
            for array in arrays { steps.append(try ProjectionRowCoding.stepRow(try Self.sqlRow(array))) }
        }
        writer.seedRun(run, run: runRow, steps: steps)
    }

    private static func jsonRow(_ text: String) throws -> SQLRow { try sqlRow(try JSONParser.parse(text)) }

    /// A JSON array of column values as a row: integers, reals, text and NULL, as the store's
    /// run and step columns hold (no blobs).
    private static func sqlRow(_ value: JSONValue) throws -> SQLRow {
        guard case .array(let items) = value else {
            throw StoreError.postgres(sqlState: PostgresSQLState.internalError, message: "the append head's row is not a JSON array", sql: headSQL)
        }
        return SQLRow(items.map { item -> SQLValue in
            switch item {
            case .null: .null
            case .bool(let flag): .integer(flag ? 1 : 0)
            case .int(let number): .integer(number)
            case .double(let number): .real(number)
            case .string(let text): .text(text)
            case .array, .object: .text(CanonicalJSON.encode(item))
            }
        })
    }

    /// The last two events (none on an empty ledger), each with the meta row, the key the
    /// ledger holds among the one asked about (NULL when it holds none, or none was asked), and
    /// the run asked about and its steps as JSON (NULL when there is none, or none was asked).
    private static let headSQL = """
        SELECT e.seq, e.event_id, e.type, e.version, e.recorded_at, e.idempotency_key, e.correlation_id, \
        e.causation_id, e.payload, e.hash, \
        m.applied_seq, m.applied_hash, m.unknown_events, m.rejected_events, m.fold_version, \
        (SELECT k.idempotency_key FROM events k WHERE k.idempotency_key = h.key), \
        (SELECT json_build_array(\(ProjectionSQL.runColumns)) FROM runs WHERE run_id = h.run)::text, \
        (SELECT json_agg(json_build_array(\(ProjectionSQL.stepColumns)) ORDER BY position) FROM steps \
        WHERE run_id = h.run)::text \
        FROM (SELECT ?::text AS key, ?::text AS run) h \
        LEFT JOIN projection_meta m ON m.id = 1 \
        LEFT JOIN LATERAL (SELECT \(StoreReader.eventColumns) FROM events ORDER BY seq DESC LIMIT 2) e ON true \
        ORDER BY e.seq DESC
        """
}
