import Foundation
import Testing

@testable import ArcoStore

/// `GRDBSession`: what the store's statements rely on from any `SQLSession`.
@Suite("GRDBSession")
struct SQLSessionTests {
    @Test("each value kind round-trips through a column of its own storage class")
    func valueKindsRoundTrip() throws {
        try GRDBSession.inMemory { session in
            #expect(session.dialect == .sqlite)
            try session.executeScript("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
            let blob = Data([0, 1, 2, 255])
            try session.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [Int64.max, 2.5, "é ☃", blob, nil])
            let row = try #require(try session.row("SELECT i, r, s, b, n FROM t"))
            #expect(row.count == 5)
            #expect(row.values == [.integer(Int64.max), .real(2.5), .text("é ☃"), .blob(blob), .null])
            let integer: Int64 = row[0]
            let real: Double = row[1]
            let text: String = row[2]
            let bytes: Data = row[3]
            #expect(integer == Int64.max && real == 2.5 && text == "é ☃" && bytes == blob)
        }
    }

    @Test("Int, Int32 and Bool are stored as integers and read back")
    func integerLikeTypes() throws {
        try GRDBSession.inMemory { session in
            try session.executeScript("CREATE TABLE t (a INTEGER, b INTEGER, c INTEGER, d INTEGER)")
            try session.execute("INSERT INTO t VALUES (?, ?, ?, ?)", [42, Int32(-7), true, false])
            let row = try #require(try session.row("SELECT a, b, c, d FROM t"))
            #expect(row.values == [.integer(42), .integer(-7), .integer(1), .integer(0)])
            let a: Int = row[0]
            let b: Int32 = row[1]
            let c: Bool = row[2]
            let d: Bool = row[3]
            #expect(a == 42 && b == -7 && c && !d)
        }
    }

    @Test("NULL reads as nil into an optional, and a value into .some")
    func nullIntoOptional() throws {
        try GRDBSession.inMemory { session in
            try session.executeScript("CREATE TABLE t (s TEXT, i INTEGER)")
            let missing: String? = nil
            try session.execute("INSERT INTO t VALUES (?, ?)", [missing, 3])
            let row = try #require(try session.row("SELECT s, i FROM t"))
            let text: String? = row[0]
            let number: Int64? = row[1]
            #expect(text == nil)
            #expect(number == 3)
            #expect(try session.value("SELECT s FROM t", as: String.self) == nil)
            #expect(try session.value("SELECT s FROM t WHERE i = 99", as: String.self) == nil)
        }
    }

    @Test("execute returns the rows each statement changed")
    func changedRowCounts() throws {
        try GRDBSession.inMemory { session in
            try session.executeScript("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
            #expect(try session.execute("INSERT INTO t VALUES (?, ?)", ["a", 1]) == 1)
            #expect(try session.execute("INSERT INTO t VALUES (?, ?)", ["b", 2]) == 1)
            #expect(try session.execute("INSERT INTO t VALUES (?, ?) ON CONFLICT DO NOTHING", ["a", 3]) == 0)
            #expect(try session.execute("UPDATE t SET v = v + 10") == 2)
            #expect(try session.execute("UPDATE t SET v = 0 WHERE k = ?", ["zzz"]) == 0)
            #expect(try session.execute("DELETE FROM t WHERE k = ?", ["a"]) == 1)
            #expect(try session.column("SELECT v FROM t", as: Int.self) == [12])
        }
    }

    @Test("arguments bind to the placeholders in order, also when appended")
    func argumentOrder() throws {
        try GRDBSession.inMemory { session in
            try session.executeScript("CREATE TABLE t (a TEXT, b INTEGER, c TEXT)")
            var arguments: SQLArguments = ["first"]
            arguments.append(2)
            arguments += ["third"]
            try session.execute("INSERT INTO t (c, b, a) VALUES (?, ?, ?)", arguments)
            let row = try #require(try session.row("SELECT a, b, c FROM t"))
            #expect(row.values == [.text("third"), .integer(2), .text("first")])
            #expect(try session.value("SELECT ? || ? || ?", ["x", "y", "z"], as: String.self) == "xyz")
        }
    }

    @Test("rows are read in order, each whole, and a row kept by the caller stays as it was")
    func rowsStream() throws {
        try GRDBSession.inMemory { session in
            try session.executeScript(
                "CREATE TABLE t (n INTEGER, s TEXT); INSERT INTO t VALUES (1, 'one'); INSERT INTO t VALUES (2, 'two')")
            let rows = try session.rows("SELECT n, s FROM t ORDER BY n")
            #expect(rows.map(\.values) == [[.integer(1), .text("one")], [.integer(2), .text("two")]])
            var seen: [Int] = []
            try session.forEachRow("SELECT n FROM t WHERE n > ? ORDER BY n DESC", [0]) { seen.append($0[0]) }
            #expect(seen == [2, 1])
            #expect(try session.row("SELECT n FROM t ORDER BY n")?.values == [.integer(1)])
        }
    }

    @Test("an SQL error reaches the caller as it was raised")
    func errorsPropagate() throws {
        try GRDBSession.inMemory { session in
            try session.executeScript("CREATE TABLE t (k TEXT PRIMARY KEY)")
            try session.execute("INSERT INTO t VALUES (?)", ["a"])
            #expect(throws: (any Error).self) { try session.execute("INSERT INTO t VALUES (?)", ["a"]) }
            #expect(throws: (any Error).self) { try session.rows("SELECT nope FROM t") }
        }
    }
}
