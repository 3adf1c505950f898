import ArcoCore
import Foundation
import Testing

/// Workers on several hosts sharing one PostgreSQL store, as issue 21 asks to prove it: real
/// `arco worker` processes, each told it is on another host with `ARCO_HOST`, so the pid check
/// cannot help and only claims and heartbeats in the store keep them apart.
@Suite struct PostgresWorkersEndToEndTests {
    /// A poll sensor whose command asks for `count` keyed runs of `target`: one evaluation with
    /// `--no-launch` queues them all without starting a worker.
    static func feed(count: Int) -> String {
        #"seq 1 \#(count) | awk 'BEGIN { printf "{\"run_requests\": [" } { printf "%s{\"run_key\": \"r%d\"}", (NR > 1 ? "," : ""), $1 } END { print "]}" }'"#
    }

    static func workspace(_ assets: String, sensorTarget: String, runs: Int) throws -> RunWorkspace {
        let workspace = try RunWorkspace(
            """
            version: 1
            assets:
            \(assets)
            sensors:
              feed: { kind: poll, command: sh feed.sh, target: \(sensorTarget), status: running }
            """)
        try workspace.folder.write("feed.sh", feed(count: runs))
        return workspace
    }

    @Test("4 workers on 4 hosts drain 500 queued runs from one PostgreSQL store: each run executed once, none lost")
    func fourHostsDrainTheQueue() throws {
        let database = try PostgresEndToEnd.database("four_hosts")
        let workspace = try Self.workspace(
            #"  a: { command: 'echo "$ARCO_RUN_ID $ARCO_HOST" >> "$ARCO_WORKSPACE/markers"' }"#, sensorTarget: "a", runs: 500)
        let store = ["ARCO_STORE": database.socketURL]
        let queued = try workspace.arco(["sensor", "eval", "feed", "--no-launch", "--json"], environment: store)
        #expect(queued.status == 0, "\(queued.stdout)\(queued.stderr)")
        let workers = try (1...4).map { host in
            try BackgroundArco(
                ["worker", "--once", "--max-concurrent-runs", "4"], in: workspace.path,
                environment: store.merging(["ARCO_HOST": "host-\(host)"]) { $1 })
        }
        for worker in workers {
            #expect(worker.wait(seconds: 600) == 0, "\(worker.stderr())")
        }
        let executions = workspace.markers().map { $0.split(separator: " ").map(String.init) }
        let runIDs = executions.map(\.[0])
        #expect(runIDs.count == 500, "\(runIDs.count) executions")
        #expect(Set(runIDs).count == 500, "a run executed twice")
        // Every worker took part: the queue was shared, not drained by whichever started first.
        #expect(Set(executions.map(\.[1])).count >= 2, "hosts: \(Set(executions.map(\.[1])))")
        let status = try workspace.arco(["status", "--limit", "1000", "--json"], environment: store)
        let runs = try JSONParser.parse(status.stdout)["runs"]?.arrayValue ?? []
        #expect(runs.count == 500)
        #expect(runs.allSatisfy { $0["status"]?.stringValue == "SUCCESS" }, "\(Set(runs.compactMap { $0["status"]?.stringValue }))")
        #expect(Set(runs.compactMap { $0["run_id"]?.stringValue }) == Set(runIDs))
        let started = try workspace.arco(["events", "--type", "RunStarted", "--limit", "2000", "--json"], environment: store)
        #expect(try JSONParser.parse(started.stdout)["events"]?.arrayValue?.count == 500, "one claim per run")
        #expect(!workspace.exists(".arco/arco.db"))
    }

    @Test("kill -9 of a worker mid-run: another host fails its run by heartbeat age, within the bound; a live run elsewhere is left alone")
    func killedWorkerIsFoundByAnotherHost() throws {
        let database = try PostgresEndToEnd.database("lost_worker")
        let workspace = try Self.workspace(
            """
              slow: { command: 'echo $$ > "$ARCO_WORKSPACE/slow.pid"; sleep 60' }
              steady: { command: 'sleep 6; echo "$ARCO_RUN_ID" >> "$ARCO_WORKSPACE/markers"' }
            """, sensorTarget: "slow", runs: 1)
        // A short bound, on every "host": each beats every 0.75 s and judges after 3 s.
        let bound = 3.0
        let store = ["ARCO_STORE": database.socketURL, "ARCO_HEARTBEAT_TIMEOUT_MS": "3000"]
        func on(_ host: String) -> [String: String] { store.merging(["ARCO_HOST": host]) { $1 } }
        #expect(try workspace.arco(["sensor", "eval", "feed", "--no-launch"], environment: store).status == 0)
        let slowRun = try #require(try Self.runIDs(workspace, store).first)
        let doomed = try BackgroundArco(["worker", "--once"], in: workspace.path, environment: on("host-a"))
        workspace.waitForPID("slow.pid", seconds: 30)
        // A run that outlives the bound on a healthy host: its beats must keep it alive.
        let steady = try BackgroundArco(["run", "steady"], in: workspace.path, environment: on("host-c"))
        doomed.signal(SIGKILL)
        let killed = ContinuousClock.now
        var failedAfter: Double?
        while failedAfter == nil, PostgresEndToEnd.seconds(since: killed) < bound + 20 {
            // Every command that reads runs judges them: here host-b's `status`.
            let shown = try workspace.arco(["status", slowRun.rawValue, "--json"], environment: on("host-b"))
            if try JSONParser.parse(shown.stdout)["status"]?.stringValue == "FAILURE" {
                failedAfter = PostgresEndToEnd.seconds(since: killed)
            } else {
                usleep(100_000)
            }
        }
        let after = try #require(failedAfter, "the run was never failed")
        // Not before the bound less one beat interval (the last beat preceded the kill), so it
        // was the silence that condemned it, not a pid host-b cannot see; and promptly after.
        #expect(after >= bound - 0.75 - 0.1, "failed after \(after) s")
        #expect(after <= bound + 5, "failed after \(after) s")
        let run = try JSONParser.parse(try workspace.arco(["status", slowRun.rawValue, "--json"], environment: store).stdout)
        let reason = run["reason"]?.stringValue ?? ""
        #expect(reason.contains("on host host-a sent no heartbeat"), "\(reason)")
        #expect(steady.wait(seconds: 60) == 0, "\(steady.stderr())")
        #expect(workspace.markers().count == 1, "the steady run on host-c finished")
        let lost = try workspace.arco(["events", "--type", "RunWorkerLost", "--json"], environment: store)
        #expect(try JSONParser.parse(lost.stdout)["events"]?.arrayValue?.count == 1, "only the killed worker's run was lost")
    }

    static func runIDs(_ workspace: RunWorkspace, _ store: [String: String]) throws -> [RunID] {
        let status = try workspace.arco(["status", "--json"], environment: store)
        return (try JSONParser.parse(status.stdout)["runs"]?.arrayValue ?? []).compactMap { $0["run_id"]?.stringValue }.map(RunID.init)
    }
}
