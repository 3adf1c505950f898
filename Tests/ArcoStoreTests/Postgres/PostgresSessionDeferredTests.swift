@testable import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// Deferred writes against a real server: values arrive byte-identical whatever they hold, a
/// failing write fails the transaction with its SQLSTATE, and reads see what they must.
@Suite struct PostgresSessionDeferredTests {
    let database: PostgresTestDatabase

    init() throws {
        database = try PostgresTestCluster.shared().createDatabase(name: "deferred")
    }

    func connect() throws -> PostgresSession {
        try PostgresSession.connect(to: PostgresLocation(parsing: database.tcpURL()))
    }

    /// Texts that would end or escape a literal if they were ever spliced into SQL.
    static let hostileTexts = [
        "it's", "''", "'); DROP TABLE kinds; --", "back\\slash\\", "\\x00ff", "E'\\''", "$$", "$tag$ $$ $tag$", "a;b;",
        "?", "$1", "/* c */ -- d", "\"quoted\"", "é", "e\u{301}", "☃ 日本 🧪", "\t\r\n", String(repeating: "x'", count: 2_000),
    ]

    @Test func hostileValuesRoundTripByteIdentical() throws {
        let session = try connect()
        try session.executeScript(
            "CREATE TABLE kinds (n BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b BYTEA); CREATE TABLE other (n BIGINT, t TEXT)")
        let reals: [Double] = [0.1, -0.0, 1e-310, .greatestFiniteMagnitude, .infinity, -.infinity, .pi]
        var rows = [[SQLValue]]()
        for (index, text) in Self.hostileTexts.enumerated() {
            let real = reals[index % reals.count]
            let integer = index % 2 == 0 ? Int64.min + Int64(index) : Int64.max - Int64(index)
            rows.append([.integer(Int64(index)), .integer(integer), .real(real), .text(text), .blob(Data(text.utf8) + Data(0...255))])
        }
        rows.append([.integer(-1), .null, .null, .null, .null])
        try session.execute("BEGIN")
        for row in rows {
            try session.executeDeferred("INSERT INTO kinds (n, i, r, t, b) VALUES (?, ?, ?, ?, ?)", SQLArguments(row))
            try session.executeDeferred("INSERT INTO other (n, t) VALUES (?, ?)", SQLArguments([row[0], row[3]]))
        }
        try session.execute("COMMIT")
        let read = try session.rows("SELECT n, i, r, t, b FROM kinds ORDER BY n").map(\.values)
        #expect(read == rows.sorted { (Int64.decode($0[0]) ?? 0) < (Int64.decode($1[0]) ?? 0) })
        let texts = try session.column("SELECT t FROM other ORDER BY n", as: SQLValue.self)
        #expect(texts == ([.null] + Self.hostileTexts.map { .text($0) }))
        // Byte for byte, not merely equal as Swift strings (which merge "é" and "e\u{301}").
        let stored = try session.column("SELECT t FROM kinds WHERE n >= 0 ORDER BY n", as: String.self)
        #expect(stored.map { Array($0.utf8) } == Self.hostileTexts.map { Array($0.utf8) })
        #expect(try session.value("SELECT count(*) FROM kinds", as: Int64.self) == Int64(rows.count))
    }

    @Test func manyRowsGoAsOneJSONArgumentAndArriveByteIdenticalWithUpsertsApplied() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE keyed (n BIGINT PRIMARY KEY, \"position\" INTEGER, t TEXT, big BIGINT)")
        let upsert = "INSERT INTO keyed (n, position, t, big) VALUES (?, ?, ?, ?) ON CONFLICT(n) DO UPDATE SET t = excluded.t"
        var rows = [[SQLValue]]()
        for (index, text) in Self.hostileTexts.enumerated() {
            rows.append([.integer(Int64(index)), .integer(Int64(index % 3)), .text(text), .integer(index % 2 == 0 ? Int64.min : Int64.max)])
        }
        rows.append([.integer(-1), .null, .null, .null])
        #expect(rows.count >= PostgresDeferredWrites.recordsetRowsMin)
        try session.execute("BEGIN")
        for row in rows { try session.executeDeferred(upsert, SQLArguments(row)) }
        try session.execute("COMMIT")
        // Again, with other texts: the same statement's upsert must update every row.
        try session.execute("BEGIN")
        for row in rows { try session.executeDeferred(upsert, SQLArguments([row[0], row[1], .text("again"), row[3]])) }
        try session.execute("COMMIT")
        let read = try session.rows("SELECT n, position, t, big FROM keyed ORDER BY n").map(\.values)
        #expect(read.count == rows.count)
        #expect(read.allSatisfy { $0[2] == .text("again") })
        try session.execute("BEGIN")
        for row in rows { try session.executeDeferred(upsert, SQLArguments(row)) }
        try session.execute("COMMIT")
        let stored = try session.rows("SELECT n, position, t, big FROM keyed ORDER BY n").map(\.values)
        #expect(stored == rows.sorted { (Int64.decode($0[0]) ?? 0) < (Int64.decode($1[0]) ?? 0) })
        let texts = try session.column("SELECT t FROM keyed WHERE n >= 0 ORDER BY n", as: String.self)
        #expect(texts.map { Array($0.utf8) } == Self.hostileTexts.map { Array($0.utf8) })
    }

    @Test func aFailingDeferredWriteFailsTheCommitWithItsSQLState() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE uniq (k BIGINT PRIMARY KEY); CREATE TABLE side (k BIGINT)")
        try session.execute("BEGIN")
        try session.executeDeferred("INSERT INTO uniq (k) VALUES (?)", [Int64(1)])
        try session.executeDeferred("INSERT INTO side (k) VALUES (?)", [Int64(1)])
        try session.executeDeferred("INSERT INTO uniq (k) VALUES (?)", [Int64(1)])
        do {
            try session.execute("COMMIT")
            Issue.record("a duplicate key was accepted")
        } catch let error as StoreError {
            #expect(error.isUniqueViolation, "\(error)")
        }
        try session.execute("ROLLBACK")
        #expect(try session.value("SELECT count(*) FROM uniq", as: Int64.self) == 0)
        #expect(try session.value("SELECT count(*) FROM side", as: Int64.self) == 0)
    }

    @Test func readsSendTheWritesTheyCouldSee() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE uniq (k BIGINT PRIMARY KEY); CREATE TABLE side (k BIGINT)")
        try session.execute("BEGIN")
        try session.executeDeferred("INSERT INTO side (k) VALUES (?)", [Int64(7)])
        try session.executeDeferred("INSERT INTO uniq (k) VALUES (?)", [Int64(1)])
        try session.executeDeferred("INSERT INTO uniq (k) VALUES (?)", [Int64(1)])
        // A read of another table leaves the (failing) writes queued.
        #expect(try session.value("SELECT count(*) FROM pg_class WHERE relname = 'nothing'", as: Int64.self) == 0)
        #expect(throws: StoreError.self) { try session.value("SELECT count(*) FROM uniq", as: Int64.self) }
        try session.execute("ROLLBACK")
        try session.execute("BEGIN")
        try session.executeDeferred("INSERT INTO side (k) VALUES (?)", [Int64(8)])
        #expect(try session.value("SELECT sum(k) FROM side", as: Int64.self) == 8)
        try session.execute("COMMIT")
    }

    @Test func rollbackDropsWritesNeverSent() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE side (k BIGINT)")
        try session.execute("BEGIN")
        try session.executeDeferred("INSERT INTO side (k) VALUES (?)", [Int64(1)])
        try session.execute("ROLLBACK")
        try session.execute("INSERT INTO side (k) VALUES (?)", [Int64(2)])
        #expect(try session.column("SELECT k FROM side", as: Int64.self) == [2])
    }

    @Test func repeatedUpsertsKeepTheLastValue() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE runs (run_id TEXT PRIMARY KEY, status TEXT, n BIGINT)")
        let upsert = "INSERT INTO runs (run_id, status, n) VALUES (?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET status = excluded.status, n = excluded.n"
        try session.execute("BEGIN")
        for (index, status) in ["queued", "running", "succeeded"].enumerated() {
            try session.executeDeferred(upsert, ["r1", status, Int64(index)])
            try session.executeDeferred(upsert, ["r\(index + 2)", status, Int64(index)])
        }
        try session.execute("COMMIT")
        let rows = try session.rows("SELECT run_id, status, n FROM runs ORDER BY run_id").map(\.values)
        #expect(rows == [
            [.text("r1"), .text("succeeded"), .integer(2)], [.text("r2"), .text("queued"), .integer(0)],
            [.text("r3"), .text("running"), .integer(1)], [.text("r4"), .text("succeeded"), .integer(2)],
        ])
    }

    @Test func aStatementThatIsNoTemplateRunsAtOnce() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE side (k BIGINT)")
        try session.executeDeferred("INSERT INTO side (k) SELECT ?::bigint", [Int64(3)])
        #expect(try session.column("SELECT k FROM side", as: Int64.self) == [3])
    }
}
