/// Which SQL a session speaks, for the few statements the two stores cannot share.
enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// One connection inside one transaction: the only way the store's readers, writers and
/// transactions reach a database.
///
/// Statements are written once, with `?` placeholders, in the SQL both SQLite and PostgreSQL
/// accept; a PostgreSQL session numbers the placeholders (`$1`, `$2`, …) itself. Where the two
/// differ, the caller branches on `dialect`. A session prepares each distinct statement text
/// once and reuses it, so callers pass constant strings on hot paths.
protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs one statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int

    /// Runs one query and hands each row to `body` as it is read, without collecting them.
    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws

    /// Runs several argument-free statements separated by semicolons (schema work).
    func executeScript(_ sql: String) throws

    /// Runs a write whose row count nobody needs, now or later but before anything that could
    /// observe it: any other write, a read of its table, or the COMMIT. An error then fails that
    /// later statement, and with it the transaction.
    ///
    /// SQLite runs it at once (a statement costs no round trip there); PostgreSQL holds
    /// single-row INSERTs back and sends them batched (`PostgresDeferredWrites`).
    func executeDeferred(_ sql: String, _ arguments: SQLArguments) throws
}

extension SQLSession {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// Every row of a query.
    func rows(_ sql: String, _ arguments: SQLArguments = []) throws -> [SQLRow] {
        var rows = [SQLRow]()
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first row of a query, if any.
    func row(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        var first: SQLRow?
        try forEachRow(sql, arguments) { row in
            if first == nil { first = row }
        }
        return first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    func value<T: SQLDecodable>(_ sql: String, _ arguments: SQLArguments = [], as type: T.Type = T.self) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        let decoded: T? = row[0]
        return decoded
    }

    /// The first column of every row.
    func column<T: SQLDecodable>(_ sql: String, _ arguments: SQLArguments = [], as type: T.Type = T.self) throws -> [T] {
        var values = [T]()
        try forEachRow(sql, arguments) { values.append($0[0]) }
        return values
    }
}
