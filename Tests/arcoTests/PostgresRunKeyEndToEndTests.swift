import ArcoCore
import Foundation
import Testing

/// Run-key reservation on a PostgreSQL store, as `RunEndToEndTests.runKeyRace` proves it on SQLite.
@Suite struct PostgresRunKeyEndToEndTests {
    @Test("8 processes racing on one run key against one PostgreSQL store execute exactly one run")
    func runKeyRace() throws {
        let database = try PostgresEndToEnd.database("run_key_race")
        let workspace = try RunWorkspace(RunEndToEndTests.chain)
        let store = ["ARCO_STORE": database.socketURL]
        let processes = try (0..<8).map { _ in try workspace.start(["run", "d", "--run-key", "race"], environment: store) }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(processes.map(\.terminationStatus))")
        #expect(workspace.markers() == ["d"], "the step ran \(workspace.markers().count) times")
        let list = try workspace.arco(["status", "--json"], environment: store)
        #expect(try JSONParser.parse(list.stdout)["runs"]?.arrayValue?.count == 1, "\(list.stdout)")
        let requested = try workspace.arco(["events", "--type", "RunRequested", "--json"], environment: store)
        #expect(try JSONParser.parse(requested.stdout)["events"]?.arrayValue?.count == 1, "one reservation")
        #expect(!workspace.exists(".arco/arco.db"))
    }
}
