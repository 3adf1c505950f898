import ArcoCore
import ArcoTesting
import Foundation
import Testing

/// The server ends an `arco worker`'s session while it drives a backfill (as a restart or an
/// operator's `pg_terminate_backend` would): the worker stops with 74 or 75 and says what to do,
/// and running it again completes the backfill with every partition executed exactly once.
@Suite struct PostgresConnectionLossEndToEndTests {
    static let days = 40

    @Test("sessions terminated under a worker driving a backfill: exit 74/75 with a hint, then a rerun completes each partition once")
    func terminatedSessions() throws {
        let database = try PostgresEndToEnd.database("connection_loss")
        let store = ["ARCO_STORE": database.socketURL]
        let workspace = try RunWorkspace(BackfillCrashTests.yaml(days: Self.days))
        let created = try workspace.arco(["backfill", "create", "--select", "days", "--all", "--detach"], environment: store)
        #expect(created.status == 0, "\(created.stderr)")
        let backfill = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let worker = try BackgroundArco(["worker", "--once", "--max-concurrent-runs", "1"], in: workspace.path, environment: store)
        // Let it execute a few partitions, then end its sessions until it gives up.
        let deadline = Date().addingTimeInterval(60)
        while workspace.markers().count < 3 && worker.isRunning && Date() < deadline { usleep(20_000) }
        var terminations = 0
        while worker.isRunning && Date() < deadline {
            try database.terminateSessions()
            terminations += 1
            usleep(UInt32.random(in: 20_000...150_000))
        }
        let status = worker.wait(seconds: 5)
        let stderr = worker.stderr()
        #expect(status == 74 || status == 75, "exit \(status.map(String.init) ?? "none") after \(terminations) terminations: \(stderr)")
        let lines = PostgresEndToEnd.lines(stderr)
        #expect(lines.contains { $0.hasPrefix("error: ") }, "\(stderr)")
        #expect(lines.contains { $0.hasPrefix("hint: ") }, "\(stderr)")
        #expect(workspace.markers().count < Self.days, "the worker finished before losing its connection")

        // Run it again (a few times if a still-running step of the first worker holds a run).
        var finished = false
        for _ in 0..<5 where !finished {
            let again = try workspace.arco(["worker", "--once"], environment: store)
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            let (_, row) = try workspace.json(["backfill", "status", backfill, "--store", database.socketURL])
            finished = row["status"]?.stringValue == "SUCCEEDED"
        }
        #expect(finished, "the backfill did not complete")
        let markers = workspace.markers()
        #expect(markers.count == Self.days, "executions: \(markers.count)")
        #expect(Set(markers).count == markers.count, "a partition ran twice: \(markers.count - Set(markers).count) repeats")
        let runs = try workspace.arco(["status", "--limit", "1000", "--json"], environment: store)
        let statuses = (try JSONParser.parse(runs.stdout)["runs"]?.arrayValue ?? []).compactMap { $0["status"]?.stringValue }
        #expect(statuses.count == Self.days, "one run per partition: \(statuses.count)")
        #expect(statuses.allSatisfy { $0 == "SUCCESS" }, "\(Set(statuses))")
        #expect(try workspace.arco(["rebuild", "--verify"], environment: store).status == 0)
        let doctor = try workspace.arco(["doctor"], environment: store)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(!workspace.exists(".arco/arco.db"))
    }

    @Test("the server gone for 2.5 s while a step runs: the run waits, reconnects and succeeds; each step ran once")
    func serverDownDuringStep() throws {
        let cluster = try PostgresTestCluster.shared()
        let database = try cluster.createDatabase(name: "server_down")
        let proxy = try TCPProxy(to: cluster.port)
        let url = database.tcpURL().replacingOccurrences(of: ":\(cluster.port)/", with: ":\(proxy.port)/")
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              slow: { command: '\(RunWorkspace.mark); sleep 2' }
              after: { command: '\(RunWorkspace.mark)', deps: [slow] }
            """)
        let run = try BackgroundArco(["run", "slow+", "--store", url], in: workspace.path)
        let deadline = Date().addingTimeInterval(20)
        while workspace.markers().isEmpty && run.isRunning && Date() < deadline { usleep(20_000) }
        #expect(workspace.markers() == ["slow"], "the step did not start: \(run.stderr())")
        proxy.stop()
        usleep(2_500_000)
        try proxy.start()
        let status = run.wait(seconds: 30)
        #expect(status == 0, "exit \(status.map(String.init) ?? "none"): \(run.stderr())")
        #expect(run.stderr().contains("waiting: the store cannot be reached"), "\(run.stderr())")
        #expect(workspace.markers() == ["slow", "after"])
        let (_, row) = try workspace.json(["status", "--limit", "1", "--store", url])
        #expect(row["runs"]?.arrayValue?.first?["status"]?.stringValue == "SUCCESS", "\(row)")
        #expect(try workspace.arco(["rebuild", "--verify", "--store", url]).status == 0)
        #expect(try workspace.arco(["doctor", "--store", url]).status == 0)
    }
}
