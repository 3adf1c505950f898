import Foundation
import GRDB

/// The SQLite session: one GRDB connection, inside the transaction its store opened.
///
/// Statements are prepared once per text through GRDB's statement cache, as the store did before
/// it spoke through `SQLSession`; GRDB's `DatabaseError`s pass through unchanged, so
/// `SQLiteStore` still maps them to `StoreError` in one place.
final class GRDBSession: SQLSession {
    /// The connection, for the store's SQLite-only work (pragmas, ATTACH, `sqlite_master`).
    let db: Database
    /// The statement texts whose argument count GRDB has checked on this connection.
    private let checked: CheckedStatements
    /// The same for the statements this session ran, by identity: a pointer hashes faster than
    /// the text, which a batch's thousands of statements would hash again each time. The
    /// statements are held so that no other one takes their identity while the session lives.
    private var seen: [ObjectIdentifier: (statement: Statement, count: Int)] = [:]

    /// - Parameter checked: the connection's record, kept by its store across transactions;
    ///   a new one checks each statement again the first time.
    init(_ db: Database, checked: CheckedStatements = CheckedStatements()) {
        self.db = db
        self.checked = checked
    }

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try prepared(sql, arguments).execute()
        return db.changesCount
    }

    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try prepared(sql, arguments)
        let sqliteStatement = statement.sqliteStatement
        let columns = CInt(statement.columnCount)
        // One row value, refilled in place: its buffer is reused unless `body` kept the last row.
        var row = SQLRow([])
        row.values.reserveCapacity(Int(columns))
        let cursor = try Row.fetchCursor(statement)
        while try cursor.next() != nil {
            row.values.removeAll(keepingCapacity: true)
            for index in 0..<columns {
                row.values.append(Self.value(DatabaseValue(sqliteStatement: sqliteStatement, index: index)))
            }
            try body(row)
        }
    }

    /// The cached statement for `sql`, reset, with `arguments` bound.
    ///
    /// GRDB's `StatementArguments` initializers are generic and not inlinable, so from this
    /// module they run unspecialized: building one per statement cost 1–3 µs, and batched
    /// append+fold ran 15–30% slower than with GRDB's own array literals. So a statement text
    /// is bound through GRDB (which checks the count) the first time the connection runs it
    /// with that many arguments; after that the statement is reset by binding no arguments
    /// unchecked, and bound value by value on the SQLite handle. `execute()` and cursors
    /// without arguments then run on those bindings.
    private func prepared(_ sql: String, _ arguments: SQLArguments) throws -> Statement {
        let statement = try db.cachedStatement(sql: sql)
        let count = arguments.values.count
        let id = ObjectIdentifier(statement)
        if seen[id]?.count != count {
            if checked.counts[sql] != count {
                try statement.setArguments(StatementArguments(arguments.values.map(Self.argument)))
                checked.counts[sql] = count
                seen[id] = (statement, count)
                return statement
            }
            seen[id] = (statement, count)
        }
        statement.setUncheckedArguments(StatementArguments())
        let handle = statement.sqliteStatement
        for (offset, value) in arguments.values.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt =
                switch value {
                case .null: DatabaseValue.null.bind(to: handle, at: index)
                case .integer(let v): v.bind(to: handle, at: index)
                case .real(let v): v.bind(to: handle, at: index)
                case .text(let v): v.bind(to: handle, at: index)
                case .blob(let v): v.bind(to: handle, at: index)
                }
            // 0 is SQLITE_OK; a failure here is an argument the statement has no place for.
            guard code == 0 else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)", sql: sql)
            }
        }
        return statement
    }

    func executeScript(_ sql: String) throws {
        try db.execute(sql: sql)
    }

    func executeDeferred(_ sql: String, _ arguments: SQLArguments) throws {
        try execute(sql, arguments)
    }

    // MARK: - Values

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .integer(v)
        case .double(let v): .real(v)
        case .string(let v): .text(v)
        case .blob(let v): .blob(v)
        }
    }

    /// The argument as GRDB's `StatementArguments` takes it.
    static func argument(_ value: SQLValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .null: nil
        case .integer(let v): v
        case .real(let v): v
        case .text(let v): v
        case .blob(let v): v
        }
    }
}

extension GRDBSession {
    /// The argument count of each statement text GRDB has checked, for one connection: used only
    /// inside that connection's transactions, which its queue serializes.
    final class CheckedStatements {
        var counts: [String: Int] = [:]
    }

    /// Runs `body` on a session over a private in-memory database (tests of the session itself).
    static func inMemory<T>(_ body: (GRDBSession) throws -> T) throws -> T {
        try DatabaseQueue().inDatabase { db in try body(GRDBSession(db)) }
    }
}
