import ArcoCore

/// Why the store could not do what was asked. It carries the SQLite result code and the SQL, but
/// never bound values, which may hold user data.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// Another process held the write lock past the busy timeout; retrying is safe.
    case busy(waitedMilliseconds: Int)
    /// The file is not a SQLite database, or SQLite found damage.
    case corrupt(path: String, detail: String)
    /// The database could not be opened or written (permissions, missing folder, read-only disk).
    case unavailable(path: String, detail: String)
    /// The disk holding the database has no space left; the write was rolled back, so nothing
    /// acknowledged was lost (docs/adr/0016-full-disk.md).
    case diskFull(path: String, detail: String)
    /// An unexpected SQLite error.
    case sqlite(code: Int32, message: String, sql: String?)
    /// A PostgreSQL error the cases above do not name, by its SQLSTATE: class 08 means the
    /// connection broke mid-statement (`isConnectionLost`), 23505 a unique violation
    /// (`isUniqueViolation`). Busy moments (40001, 40P01, 55P03) are `.busy`, and failures to
    /// connect or authenticate are `.unavailable`.
    case postgres(sqlState: String, message: String, sql: String?)
    /// A ledger row's payload does not decode.
    case undecodable(LedgerDecodingError)
    /// A projection row holds an enum value this build does not know (a status, a trigger kind):
    /// damaged or written by a newer arco. Rebuilding from the ledger replaces it.
    case unknownValue(table: String, column: String, value: String)
    /// The ledger's hash chain is broken.
    case chainBroken(LedgerHash.Break)
    /// An import target already holds events.
    case notEmpty(events: Int64)
    /// The database was written by a newer arco with migrations this build does not know.
    case newerSchema(unknown: [String])
    /// The projections were folded by a newer arco's rules.
    case newerFold(stored: Int64, known: Int64)
    /// The projections have not folded the ledger's last rows (only benchmarks append unfolded).
    case projectionsBehind(appliedSeq: Int64, tipSeq: Int64)
    /// The projections folded rows the ledger no longer holds, or a different last row: ledger rows
    /// were deleted or replaced after they were acknowledged.
    case ledgerTruncated(appliedSeq: Int64, tipSeq: Int64)
    /// An export given to import is not a valid ledger (a duplicate id, a bad row).
    case invalidImport(String)
    /// The database, or a file SQLite opens beside it, is a symbolic link, which arco refuses.
    case symbolicLink(path: String, target: String)
    /// A write was refused because the writer's lease token is no longer the store's: another
    /// daemon took the lease since (docs/adr/0022-daemon.md). Nothing was written.
    case fenced(lease: String, mine: Int64?, current: Int64?)

    public var description: String {
        switch self {
        case .busy(let waited): return "the store stayed busy for \(waited) ms"
        case .corrupt(let path, let detail): return "store '\(path)' is corrupt: \(detail)"
        case .unavailable(let path, let detail): return "store '\(path)' is unavailable: \(detail)"
        case .diskFull(let path, let detail): return "the disk holding store '\(path)' is full: \(detail)"
        case .sqlite(let code, let message, let sql):
            return "SQLite error \(code): \(message)" + (sql.map { " (\($0))" } ?? "")
        case .postgres(let sqlState, let message, let sql):
            return "PostgreSQL error \(sqlState): \(message)" + (sql.map { " (\($0))" } ?? "")
        case .undecodable(let error): return error.description
        case .unknownValue(let table, let column, let value):
            return "the projection table '\(table)' holds an unknown \(column) '\(value)'"
        case .chainBroken(let broken): return "the ledger's hash chain is broken at \(broken)"
        case .notEmpty(let events): return "the store already holds \(events) events"
        case .newerSchema(let unknown):
            return "the store was migrated by a newer arco (\(unknown.joined(separator: ", ")))"
        case .newerFold(let stored, let known):
            return "the projections were folded by a newer arco (fold version \(stored), this build knows \(known))"
        case .projectionsBehind(let applied, let tip):
            return "the projections stop at ledger row \(applied) but the ledger ends at \(tip)"
        case .ledgerTruncated(let applied, let tip):
            return "the projections folded ledger row \(applied) but the ledger now ends at \(tip) or differs there"
        case .invalidImport(let reason):
            return "the export is not a valid ledger: \(reason)"
        case .symbolicLink(let path, let target):
            return "'\(path)' is a symbolic link to '\(target)'; arco does not follow links inside its state folder"
        case .fenced(let lease, let mine, let current):
            return "fenced: the \(lease) lease's token is \(current.map(String.init) ?? "none"), not this process's \(mine.map(String.init) ?? "none")"
        }
    }
}
