import Foundation

/// One value crossing the SQL boundary, in the types both stores share.
///
/// The schema uses only these four storage classes on both SQLite and PostgreSQL (INTEGER/BIGINT,
/// REAL/DOUBLE PRECISION, TEXT, BLOB/BYTEA), so the statements the store writes once read and
/// write the same values on either. Booleans are integers 0 and 1 on both, as SQLite stores them.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value that can be bound as a statement argument.
protocol SQLEncodable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a result column.
///
/// Decoding fails only when the schema and the code disagree, which is a programming error,
/// so `SQLRow`'s subscript traps with the column and value rather than throwing at every read.
protocol SQLDecodable {
    static func decode(_ value: SQLValue) -> Self?
}

extension SQLValue: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { self }
    static func decode(_ value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .integer(self) }
    static func decode(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let v): v
        case .real(let v): Int64(exactly: v)
        default: nil
        }
    }
}

extension Int: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static func decode(_ value: SQLValue) -> Int? { Int64.decode(value).map(Int.init) }
}

extension Int32: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    static func decode(_ value: SQLValue) -> Int32? { Int64.decode(value).flatMap(Int32.init(exactly:)) }
}

extension Bool: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    static func decode(_ value: SQLValue) -> Bool? { Int64.decode(value).map { $0 != 0 } }
}

extension Double: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .real(self) }
    static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
}

extension String: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .text(self) }
    static func decode(_ value: SQLValue) -> String? {
        if case .text(let v) = value { return v }
        return nil
    }
}

extension Data: SQLEncodable, SQLDecodable {
    var sqlValue: SQLValue { .blob(self) }
    static func decode(_ value: SQLValue) -> Data? {
        switch value {
        case .blob(let v): v
        // SQLite hands back a BLOB column written as text as text; the bytes are what was stored.
        case .text(let v): Data(v.utf8)
        default: nil
        }
    }
}

extension Optional: SQLEncodable where Wrapped: SQLEncodable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    /// NULL decodes to `.some(nil)`; a non-NULL value that does not fit decodes to `nil` (a failure).
    static func decode(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.decode(value).map { .some($0) }
    }
}
