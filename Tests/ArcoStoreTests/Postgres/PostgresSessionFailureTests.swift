@testable import ArcoStore
import ArcoTesting
import Foundation
import NIOCore
import Testing

/// How connection and statement failures reach `StoreError`.
@Suite struct PostgresSessionFailureTests {
    let database: PostgresTestDatabase
    let cluster: PostgresTestCluster

    init() throws {
        cluster = try PostgresTestCluster.shared()
        database = try cluster.createDatabase(name: "failures")
    }

    func connect(_ url: String? = nil, timeout: Duration = .seconds(5)) throws -> PostgresSession {
        try PostgresSession.connect(to: PostgresLocation(parsing: url ?? database.tcpURL()), timeout: timeout)
    }

    @Test func unreachableServerNamesHostAndPortQuickly() throws {
        let start = ContinuousClock.now
        do {
            _ = try connect("postgres://u:topsecret@127.0.0.1:1/db?sslmode=disable", timeout: .seconds(5))
            Issue.record("connected to a closed port")
        } catch let error as StoreError {
            guard case .unavailable(let path, let detail) = error else { throw error }
            #expect(detail.contains("127.0.0.1:1"), "\(detail)")
            #expect(detail.contains("refused"), "\(detail)")
            #expect(!path.contains("topsecret") && !String(describing: error).contains("topsecret"))
        }
        #expect(start.duration(to: .now) < .seconds(5))
    }

    @Test func missingSocketNamesTheSocketFile() throws {
        do {
            _ = try connect("postgres://u@/db?host=/nonexistent/arco&port=5999")
            Issue.record("connected to a missing socket")
        } catch let error as StoreError {
            guard case .unavailable(_, let detail) = error else { throw error }
            #expect(detail.contains("/nonexistent/arco/.s.PGSQL.5999"), "\(detail)")
        }
    }

    @Test func wrongPasswordIsAnAuthenticationFailureWithoutThePassword() throws {
        let wrong = "not-the-pw-\(UUID().uuidString)"
        do {
            _ = try connect(database.tcpURL(user: cluster.passwordUser, password: wrong))
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            guard case .unavailable(_, let detail) = error else { throw error }
            #expect(detail.contains("authentication failed for user '\(cluster.passwordUser)'"), "\(detail)")
            #expect(!String(describing: error).contains(wrong))
            #expect(!String(reflecting: error).contains(wrong))
        }
        let right = try connect(database.tcpURL(user: cluster.passwordUser, password: cluster.password))
        #expect(try right.value("SELECT current_user", as: String.self) == cluster.passwordUser)
    }

    @Test func missingDatabaseIsUnavailable() throws {
        do {
            _ = try connect(database.tcpURL().replacingOccurrences(of: database.name, with: "no_such_db"))
            Issue.record("connected to a missing database")
        } catch let error as StoreError {
            guard case .unavailable(_, let detail) = error else { throw error }
            #expect(detail.contains("'no_such_db' does not exist"), "\(detail)")
        }
    }

    @Test func uniqueViolationStaysRecognisable() throws {
        let session = try connect()
        try session.executeScript("CREATE TABLE uniq (k BIGINT PRIMARY KEY)")
        try session.execute("INSERT INTO uniq VALUES (?)", [Int64(1)])
        do {
            try session.execute("INSERT INTO uniq VALUES (?)", [Int64(1)])
            Issue.record("a duplicate key was accepted")
        } catch let error as StoreError {
            #expect(error.isUniqueViolation, "\(error)")
            #expect(!error.isConnectionLost)
        }
        // The connection is still usable after a statement error.
        #expect(try session.value("SELECT count(*) FROM uniq", as: Int64.self) == 1)
    }

    @Test func serializationFailureIsBusy() throws {
        let first = try connect()
        let second = try connect()
        try first.executeScript("CREATE TABLE serial (k BIGINT PRIMARY KEY, v BIGINT); INSERT INTO serial VALUES (1, 0)")
        try first.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        try second.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        #expect(try first.value("SELECT v FROM serial WHERE k = 1", as: Int64.self) == 0)
        #expect(try second.value("SELECT v FROM serial WHERE k = 1", as: Int64.self) == 0)
        try first.execute("UPDATE serial SET v = 1 WHERE k = 1")
        try first.execute("COMMIT")
        do {
            try second.execute("UPDATE serial SET v = 2 WHERE k = 1")
            Issue.record("a serialization conflict went unnoticed")
        } catch let error as StoreError {
            guard case .busy = error else { throw error }
        }
        try second.execute("ROLLBACK")
    }

    @Test func lockTimeoutIsBusy() throws {
        let first = try connect()
        let second = try connect()
        try first.executeScript("CREATE TABLE locked (k BIGINT PRIMARY KEY); INSERT INTO locked VALUES (1)")
        try first.execute("BEGIN")
        try first.execute("UPDATE locked SET k = 1 WHERE k = 1")
        try second.execute("SET lock_timeout TO '50ms'")
        do {
            try second.execute("UPDATE locked SET k = 1 WHERE k = 1")
            Issue.record("a held row lock went unnoticed")
        } catch let error as StoreError {
            guard case .busy = error else { throw error }
        }
        try first.execute("ROLLBACK")
    }

    @Test func aSocketErrorUnderAStatementIsALostConnection() throws {
        // What a reset socket gives a named statement: the bare NIO error, unwrapped by
        // PostgresNIO's older interface.
        let location = try PostgresLocation(parsing: "postgres://arco@db.example:5432/arco")
        let error = PostgresErrorMapping.statementError(IOError(errnoCode: ECONNRESET, reason: "read(descriptor:pointer:size:)"), location: location, sql: "SELECT 1")
        #expect(error.isConnectionLost, "\(error)")
    }

    @Test func connectionLostMidStatementIsRecognisable() throws {
        let victim = try connect()
        let killer = try connect()
        let pid = try #require(try victim.value("SELECT pg_backend_pid()", as: Int64.self))
        #expect(try killer.value("SELECT pg_terminate_backend(?::int)", [pid], as: Bool.self) == true)
        do {
            try victim.execute("SELECT 1")
            Issue.record("a terminated connection still answered")
        } catch let error as StoreError {
            #expect(error.isConnectionLost, "\(error)")
            #expect(String(describing: error).contains("lost"), "\(error)")
        }
        // Statements after the loss keep failing the same recognisable way.
        #expect { try victim.execute("SELECT 1") } throws: { ($0 as? StoreError)?.isConnectionLost == true }
    }

    @Test func statementAfterCloseFailsAtOnce() throws {
        let session = try connect()
        session.close()
        #expect { try session.execute("SELECT 1") } throws: { error in
            guard case .postgres(let sqlState, _, _) = error as? StoreError else { return false }
            return sqlState == PostgresSQLState.connectionDoesNotExist
        }
    }

    /// A server that takes the TCP connection but never answers the start-up message (a listening
    /// socket nobody accepts from, on loopback): the connect timeout ends the wait.
    @Test func silentServerTimesOut() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        try #require(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let start = ContinuousClock.now
        do {
            _ = try connect("postgres://u@127.0.0.1:\(port)/db?sslmode=disable", timeout: .milliseconds(300))
            Issue.record("connected to a server that never answers")
        } catch let error as StoreError {
            guard case .unavailable(_, let detail) = error else { throw error }
            #expect(detail.contains("127.0.0.1:\(port): no answer within 300 ms"), "\(detail)")
        }
        #expect(start.duration(to: .now) < .seconds(3))
    }
}
