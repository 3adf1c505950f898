@testable import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// Named statements and pipelines on a real server: a text repeated on a connection is prepared
/// once per pattern of argument types and gives the same rows as unnamed; the statements a
/// pipeline carries run in order, and the first failure is the one reported.
@Suite struct PostgresPreparedStatementTests {
    let database: PostgresTestDatabase

    init() throws {
        database = try PostgresTestCluster.shared().createDatabase(name: "prepared")
    }

    func connect() throws -> PostgresSession {
        try PostgresSession.connect(to: PostgresLocation(parsing: database.tcpURL()))
    }

    /// How many named statements this connection holds on the server. The text differs on each
    /// call, so this count is never prepared itself.
    func preparedCount(_ session: PostgresSession) throws -> Int64 {
        try #require(try session.value("SELECT count(*) FROM pg_prepared_statements /* \(UUID()) */", as: Int64.self))
    }

    @Test func aRepeatedReadIsPreparedOnItsSecondUseAndReadsTheSame() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE things (k INTEGER PRIMARY KEY, v TEXT, r DOUBLE PRECISION, b BYTEA)")
        for k in 1...3 {
            try session.execute("INSERT INTO things VALUES (?, ?, ?, ?)", [Int64(k), "v\(k)", Double(k) / 4, Data([UInt8(k), 0])])
        }
        // The column is INTEGER while arco binds int8: the cast in the prepared text is what
        // keeps the binary value from being misread.
        let sql = "SELECT k, v, r, b FROM things WHERE k >= ? AND r < ? ORDER BY k"
        let before = try preparedCount(session)
        let first = try session.rows(sql, [Int64(2), 10.0]).map(\.values)
        #expect(try preparedCount(session) == before)
        let second = try session.rows(sql, [Int64(2), 10.0]).map(\.values)
        #expect(try preparedCount(session) == before + 1)
        let third = try session.rows(sql, [Int64(2), 10.0]).map(\.values)
        #expect(try preparedCount(session) == before + 1)
        let expected: [[SQLValue]] = [
            [.integer(2), .text("v2"), .real(0.5), .blob(Data([2, 0]))], [.integer(3), .text("v3"), .real(0.75), .blob(Data([3, 0]))],
        ]
        #expect(first == expected)
        #expect(second == expected)
        #expect(third == expected)
    }

    @Test func aNullAndAValueInTheSamePlaceArePreparedApart() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE maybe (k BIGINT PRIMARY KEY, v TEXT)")
        let sql = "SELECT count(*) FROM maybe WHERE v IS NOT DISTINCT FROM ?"
        try session.execute("INSERT INTO maybe VALUES (1, NULL), (2, 'x'), (3, 'x')")
        for _ in 0..<3 {
            #expect(try session.value(sql, [String?.none], as: Int64.self) == 1)
            #expect(try session.value(sql, ["x"], as: Int64.self) == 2)
        }
        #expect(try preparedCount(session) == 2)
    }

    @Test func aPreparedStatementsErrorsKeepTheirSQLState() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE unique_keys (k TEXT PRIMARY KEY)")
        try session.execute("INSERT INTO unique_keys VALUES ('a')")
        let sql = "SELECT k FROM unique_keys WHERE k = ? AND 1 / ? = 1"
        _ = try session.rows(sql, ["a", Int64(1)])
        _ = try session.rows(sql, ["a", Int64(1)])
        #expect(try preparedCount(session) == 1)
        // Division by zero, raised by the named statement: reported as 22012, not as a lost
        // connection or an internal error.
        do {
            _ = try session.rows(sql, ["a", Int64(0)])
            Issue.record("a division by zero succeeded")
        } catch let error as StoreError {
            guard case .postgres(let sqlState, _, let failedSQL) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(sqlState == "22012")
            #expect(failedSQL == sql)
        }
    }

    @Test func aLockTimeoutAndAnEndedSessionUnderANamedStatementKeepTheirMeaning() throws {
        let holder = try connect()
        let waiter = try connect()
        try holder.executeScript("CREATE TABLE lockable (k BIGINT PRIMARY KEY); INSERT INTO lockable VALUES (1)")
        try waiter.execute("SET lock_timeout TO '50ms'")
        let lock = "SELECT k FROM lockable WHERE k = ? FOR UPDATE"
        for _ in 0..<2 { _ = try waiter.rows(lock, [Int64(1)]) }
        #expect(try preparedCount(waiter) == 1)
        try holder.execute("BEGIN")
        _ = try holder.rows(lock, [Int64(1)])
        do {
            _ = try waiter.rows(lock, [Int64(1)])
            Issue.record("a held row lock went unnoticed")
        } catch let error as StoreError {
            guard case .busy = error else { throw error }
        }
        try holder.execute("ROLLBACK")
        // The server ends the waiter's session: the named statement's error says so.
        let pid = try #require(try waiter.value("SELECT pg_backend_pid()", as: Int64.self))
        #expect(try holder.value("SELECT pg_terminate_backend(?::int)", [pid], as: Bool.self) == true)
        do {
            _ = try waiter.rows(lock, [Int64(1)])
            Issue.record("a terminated connection still answered")
        } catch let error as StoreError {
            #expect(error.isConnectionLost, "\(error)")
        }
    }

    @Test func aNamedStatementsNumericResultReadsRight() throws {
        let session = try connect()
        let sql = "SELECT ?::numeric / 4"
        for _ in 0..<3 { #expect(try session.value(sql, [Int64(10)], as: Double.self) == 2.5) }
        #expect(try preparedCount(session) == 1)
    }

    @Test func aStatementWhoseFirstNamedExecutionFailsIsPreparedOnce() throws {
        let session = try connect()
        let sql = "SELECT 10 / ?"
        #expect(try session.value(sql, [Int64(5)], as: Int64.self) == 2)
        // The second use prepares the text and fails to execute it; the statement is kept.
        #expect(throws: StoreError.self) { try session.value(sql, [Int64(0)], as: Int64.self) }
        #expect(try session.value(sql, [Int64(2)], as: Int64.self) == 5)
        #expect(try session.value(sql, [Int64(1)], as: Int64.self) == 10)
        #expect(try preparedCount(session) == 1)
    }

    @Test func aRollbackBeforeTheTransactionReachedTheServerSendsNothing() throws {
        let session = try connect()
        session.enqueue("BEGIN")
        session.enqueue("SELECT 1 / ?", [Int64(0)])
        // Were the queued statements sent now, the division by zero would fail the ROLLBACK.
        try session.execute("ROLLBACK")
        #expect(try session.value("SELECT 1", as: Int64.self) == 1)
    }

    @Test func queuedStatementsRunBeforeTheNextAndTheirFailureIsTheOneReported() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE ordered (k BIGINT PRIMARY KEY)")
        session.enqueue("BEGIN")
        session.enqueue("INSERT INTO ordered VALUES (?)", [Int64(1)])
        // The read sees the queued insert: it ran first, in the same transaction.
        #expect(try session.value("SELECT count(*) FROM ordered", as: Int64.self) == 1)
        try session.execute("ROLLBACK")
        #expect(try session.value("SELECT count(*) FROM ordered", as: Int64.self) == 0)

        session.enqueue("BEGIN")
        session.enqueue("SELECT 1 / ?", [Int64(0)])
        do {
            _ = try session.value("SELECT count(*) FROM ordered", as: Int64.self)
            Issue.record("the queued division by zero was not reported")
        } catch let error as StoreError {
            // The read after it failed too (25P02, the transaction was aborted); the first
            // failure is the one that explains it.
            guard case .postgres(let sqlState, _, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(sqlState == "22012")
        }
        try session.execute("ROLLBACK")
    }

    @Test func deferredWritesAndTheCommitGoTogetherAndAFailedWriteIsReported() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE written (k BIGINT PRIMARY KEY, v TEXT)")
        for attempt in 0..<3 {
            try session.execute("BEGIN")
            try session.executeDeferred("INSERT INTO written (k, v) VALUES (?, ?)", [Int64(attempt), "ok"])
            try session.execute("COMMIT")
        }
        #expect(try session.value("SELECT count(*) FROM written", as: Int64.self) == 3)
        try session.execute("BEGIN")
        try session.executeDeferred("INSERT INTO written (k, v) VALUES (?, ?)", [Int64(0), "repeat"])
        do {
            try session.execute("COMMIT")
            Issue.record("a repeated key was committed")
        } catch let error as StoreError {
            guard case .postgres(let sqlState, _, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(sqlState == "23505")
        }
        _ = try? session.execute("ROLLBACK")
        #expect(try session.value("SELECT count(*) FROM written WHERE v = 'repeat'", as: Int64.self) == 0)
    }
}
