@testable import ArcoStore
import Testing

/// Reading store URLs: defaults as libpq applies them, sockets, and refusals that never echo a
/// password.
@Suite struct PostgresLocationTests {
    let environment = ["PGUSER": "envuser", "PGPASSWORD": "envsecret"]

    @Test func fullURL() throws {
        let location = try PostgresLocation(
            parsing: "postgres://alice:s%40cret@db.example:6543/ledger?sslmode=require&schema=team_a", environment: [:])
        #expect(location.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(location.user == "alice")
        #expect(location.password == "s@cret")
        #expect(location.database == "ledger")
        #expect(location.sslMode == .require)
        #expect(location.schema == "team_a")
    }

    @Test func defaults() throws {
        let location = try PostgresLocation(parsing: "postgresql://db.example", environment: environment)
        #expect(location.endpoint == .tcp(host: "db.example", port: 5432))
        #expect(location.user == "envuser")
        #expect(location.password == "envsecret")
        #expect(location.database == "envuser")
        #expect(location.sslMode == .prefer)
        #expect(location.schema == "arco")
        let withoutEnvironment = try PostgresLocation(parsing: "postgres://h/db", environment: [:])
        #expect(withoutEnvironment.user == PostgresLocation.currentUser())
        #expect(withoutEnvironment.password == nil)
        #expect(try PostgresLocation(parsing: "postgres:///db", environment: [:]).endpoint == .tcp(host: "localhost", port: 5432))
    }

    @Test func unixSockets() throws {
        let byParameter = try PostgresLocation(parsing: "postgres://u@/db?host=/var/run/postgresql&port=5433", environment: [:])
        #expect(byParameter.endpoint == .socket(directory: "/var/run/postgresql", port: 5433))
        #expect(byParameter.endpoint.socketPath == "/var/run/postgresql/.s.PGSQL.5433")
        let byEncodedHost = try PostgresLocation(parsing: "postgres://u@%2Ftmp%2Fpg/db", environment: [:])
        #expect(byEncodedHost.endpoint == .socket(directory: "/tmp/pg", port: 5432))
        #expect(byEncodedHost.endpoint.description == "/tmp/pg/.s.PGSQL.5432")
    }

    @Test func ipv6Host() throws {
        let location = try PostgresLocation(parsing: "postgres://u@[::1]:5555/db", environment: [:])
        #expect(location.endpoint == .tcp(host: "::1", port: 5555))
        #expect(location.endpoint.description == "[::1]:5555")
    }

    @Test func redactedNeverHoldsThePasswordAndParsesBack() throws {
        for url in [
            "postgres://alice:topsecret@db.example:6543/ledger?sslmode=verify-full&schema=s1",
            "postgres://alice@/ledger?host=/tmp/x&port=7000&password=topsecret",
            "postgres://alice:topsecret@[::1]/ledger",
        ] {
            let location = try PostgresLocation(parsing: url, environment: [:])
            #expect(!location.redacted.contains("topsecret"))
            #expect(!String(describing: location).contains("topsecret"))
            var expected = location
            expected.password = nil
            #expect(try PostgresLocation(parsing: location.redacted, environment: [:]) == expected)
        }
    }

    @Test func refusals() {
        #expect(throws: PostgresLocationError.badScheme("mysql")) { try PostgresLocation(parsing: "mysql://u:pw@h/db", environment: [:]) }
        #expect(throws: PostgresLocationError.badScheme("")) { try PostgresLocation(parsing: "/tmp/arco.db", environment: [:]) }
        #expect(throws: PostgresLocationError.badPort("99999")) { try PostgresLocation(parsing: "postgres://h:99999/db", environment: [:]) }
        #expect(throws: PostgresLocationError.badPort("abc")) { try PostgresLocation(parsing: "postgres://h:abc/db", environment: [:]) }
        #expect(throws: PostgresLocationError.badSchema("arco; DROP")) {
            try PostgresLocation(parsing: "postgres://h/db?schema=arco%3B%20DROP", environment: [:])
        }
        #expect(throws: PostgresLocationError.badSchema("Arco")) { try PostgresLocation(parsing: "postgres://h/db?schema=Arco", environment: [:]) }
        #expect(throws: PostgresLocationError.badSchema("1abc")) { try PostgresLocation(parsing: "postgres://h/db?schema=1abc", environment: [:]) }
        #expect(throws: PostgresLocationError.badSSLMode("always")) { try PostgresLocation(parsing: "postgres://h/db?sslmode=always", environment: [:]) }
        #expect(throws: PostgresLocationError.unknownParameter("sslcert")) { try PostgresLocation(parsing: "postgres://h/db?sslcert=x", environment: [:]) }
        #expect(throws: PostgresLocationError.malformed(part: "host")) { try PostgresLocation(parsing: "postgres://[::1/db", environment: [:]) }
    }

    @Test func refusalMessagesDoNotEchoThePassword() {
        do {
            _ = try PostgresLocation(parsing: "postgres://u:topsecret@h:bad/db", environment: [:])
            Issue.record("a bad port was accepted")
        } catch {
            #expect(!error.description.contains("topsecret"))
            #expect(error.description.contains("'bad'"))
        }
    }
}
