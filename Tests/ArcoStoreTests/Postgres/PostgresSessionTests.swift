@testable import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// The PostgreSQL session against a real server (the throwaway test cluster): values, placeholders,
/// row counts, transactions, and how each failure reaches the store's vocabulary.
@Suite struct PostgresSessionTests {
    let database: PostgresTestDatabase

    init() throws {
        database = try PostgresTestCluster.shared().createDatabase(name: "session")
    }

    func connect(_ url: String? = nil) throws -> PostgresSession {
        try PostgresSession.connect(to: PostgresLocation(parsing: url ?? database.tcpURL()))
    }

    @Test func everyValueKindRoundTrips() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE kinds (i BIGINT, r DOUBLE PRECISION, t TEXT, b BYTEA)")
        let rows: [[SQLValue]] = [
            [.integer(Int64.max), .real(-1.5e300), .text("héllo 'quoted' ?"), .blob(Data([0, 1, 254, 255]))],
            [.integer(Int64.min), .real(0.1), .text(""), .blob(Data())],
            [.null, .null, .null, .null],
        ]
        for row in rows {
            try session.execute("INSERT INTO kinds (i, r, t, b) VALUES (?, ?, ?, ?)", SQLArguments(row))
        }
        let read = try session.rows("SELECT i, r, t, b FROM kinds ORDER BY i NULLS LAST, t").map(\.values)
        #expect(read == [rows[1], rows[0], rows[2]])
    }

    @Test func otherColumnTypesReadAsTheFourClasses() throws {
        let session = try connect()
        let row = try #require(try session.row(
            "SELECT 7::int2, 8::int4, 9::oid, 1.25::float4, 2.5::numeric, true, false, 'v'::varchar, 'n'::name, 'c'::char(2), '{\"a\":1}'::json, '{\"b\":2}'::jsonb, 'lit'"))
        #expect(row.values == [
            .integer(7), .integer(8), .integer(9), .real(1.25), .real(2.5), .integer(1), .integer(0), .text("v"), .text("n"),
            .text("c "), .text("{\"a\":1}"), .text("{\"b\": 2}"), .text("lit"),
        ])
        #expect(throws: StoreError.self) { try session.row("SELECT now()") }
    }

    @Test func placeholdersSkipLiterals() throws {
        let session = try connect()
        let row = try #require(try session.row("SELECT '?' AS q, ?::bigint, 'a?b', ?::text", [Int64(5), "x"]))
        #expect(row.values == [.text("?"), .integer(5), .text("a?b"), .text("x")])
    }

    @Test func executeReturnsAffectedRows() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE counted (k BIGINT PRIMARY KEY, v TEXT); INSERT INTO counted VALUES (1, 'a'), (2, 'b'), (3, 'c')")
        #expect(try session.execute("INSERT INTO counted VALUES (?, ?)", [Int64(4), "d"]) == 1)
        #expect(try session.execute("UPDATE counted SET v = 'z' WHERE k >= ?", [Int64(2)]) == 3)
        #expect(try session.execute("DELETE FROM counted WHERE k = ?", [Int64(99)]) == 0)
        #expect(try session.execute("DELETE FROM counted") == 4)
        #expect(try session.execute("CREATE INDEX counted_v ON counted (v)") == 0)
    }

    @Test func transactionsCommitAndRollBack() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE tx (k BIGINT)")
        try session.execute("BEGIN")
        try session.execute("INSERT INTO tx VALUES (1)")
        try session.execute("ROLLBACK")
        try session.execute("BEGIN")
        try session.execute("INSERT INTO tx VALUES (2)")
        try session.execute("COMMIT")
        #expect(try session.column("SELECT k FROM tx", as: Int64.self) == [2])
    }

    @Test func searchPathSelectsTheSchema() throws {
        let session = try connect()
        try session.executeScript("CREATE SCHEMA team_b; CREATE TABLE team_b.only_here (x BIGINT); INSERT INTO team_b.only_here VALUES (42)")
        try session.setSearchPath(to: "team_b")
        #expect(try session.value("SELECT x FROM only_here", as: Int64.self) == 42)
    }

    @Test func unixSocketConnects() throws {
        let session = try connect(database.socketURL)
        #expect(try session.value("SELECT 1", as: Int64.self) == 1)
    }

    @Test func sslPreferFallsBackAndRequireFails() throws {
        let preferred = try connect(database.tcpURL(sslMode: "prefer"))
        #expect(try preferred.value("SELECT 1", as: Int64.self) == 1)
        do {
            _ = try connect(database.tcpURL(sslMode: "require"))
            Issue.record("sslmode=require connected to a server without TLS")
        } catch let error as StoreError {
            guard case .unavailable(_, let detail) = error else { throw error }
            #expect(detail.contains("does not offer TLS"), "\(detail)")
        }
    }
}
