import ArcoCore
import ArcoTesting
import Foundation
import Testing

/// A PostgreSQL store that cannot be reached, refuses the password, or drops the connection in
/// the middle of a command: the exit code says which, the message says what to do, no password
/// is shown, and running the command again finishes the work exactly once.
@Suite struct PostgresFailureEndToEndTests {
    @Test("a server that is down: exit 69 within the connect timeout, naming host:port, with a hint")
    func unreachable() throws {
        let port = try PostgresTestCluster.closedPort()
        let workspace = try RunWorkspace("version: 1\n")
        let start = ContinuousClock.now
        let result = try workspace.arco(["status", "--store", "postgres://arco@127.0.0.1:\(port)/arco?sslmode=disable"])
        let seconds = PostgresEndToEnd.seconds(since: start)
        #expect(result.status == 69, "\(result.stdout)\(result.stderr)")
        let lines = PostgresEndToEnd.lines(result.stderr)
        #expect(lines.first?.hasPrefix("error: ") == true, "\(lines)")
        #expect(lines.first?.contains("127.0.0.1:\(port)") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("hint: ") }, "\(lines)")
        // The connect timeout is 5 s; a refused port answers at once.
        #expect(seconds < 5, "took \(seconds) s")
        #expect(!workspace.exists(".arco/arco.db"))
    }

    @Test("a wrong password: exit 69, and the password appears nowhere in what arco prints")
    func wrongPassword() throws {
        let cluster = try PostgresTestCluster.shared()
        let database = try cluster.createDatabase(name: "wrong_password")
        let wrong = "Wr0ngPassw0rd" + String(UInt64.random(in: 1...UInt64.max), radix: 36)
        let url = database.tcpURL(user: cluster.passwordUser, password: wrong)
        let workspace = try RunWorkspace("version: 1\n")
        for arguments in [["status", "--store", url], ["doctor", "--store", url], ["--store", url, "ledger", "tip", "--json"]] {
            let result = try workspace.arco(arguments)
            #expect(result.status == 69, "\(arguments.first ?? ""): \(result.stdout)\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(wrong), "the password was printed: \(result.stdout)\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(wrong.lowercased()))
            #expect(result.stderr.contains(cluster.passwordUser), "\(result.stderr)")
        }
        let environment = try workspace.arco(["status"], environment: ["ARCO_STORE": url])
        #expect(environment.status == 69)
        #expect(!(environment.stdout + environment.stderr).contains(wrong))
        #expect(PostgresEndToEnd.lines(environment.stderr).contains { $0.hasPrefix("hint: ") }, "\(environment.stderr)")
    }
}
