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

    init(_ db: Database) { self.db = db }

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.statementArguments(arguments))
        return db.changesCount
    }

    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let sqliteStatement = statement.sqliteStatement
        let columns = CInt(statement.columnCount)
        // One row value, refilled in place: its buffer is reused unless `body` kept the last row.
        var row = SQLRow([])
        row.values.reserveCapacity(Int(columns))
        let cursor = try Row.fetchCursor(statement, arguments: Self.statementArguments(arguments))
        while try cursor.next() != nil {
            row.values.removeAll(keepingCapacity: true)
            for index in 0..<columns {
                row.values.append(Self.value(DatabaseValue(sqliteStatement: sqliteStatement, index: index)))
            }
            try body(row)
        }
    }

    func executeScript(_ sql: String) throws {
        try db.execute(sql: sql)
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

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        case .blob(let v): v.databaseValue
        }
    }

    static func statementArguments(_ arguments: SQLArguments) -> StatementArguments? {
        // No arguments: GRDB then checks the statement expects none, without building anything.
        guard !arguments.values.isEmpty else { return nil }
        return StatementArguments(arguments.values.lazy.map(databaseValue))
    }
}

extension GRDBSession {
    /// Runs `body` on a session over a private in-memory database (tests of the session itself).
    static func inMemory<T>(_ body: (GRDBSession) throws -> T) throws -> T {
        try DatabaseQueue().inDatabase { db in try body(GRDBSession(db)) }
    }
}
