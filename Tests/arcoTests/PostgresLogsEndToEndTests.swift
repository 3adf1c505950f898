import ArcoCore
import ArcoTesting
import Foundation
import Testing

/// Step logs read on another host through a PostgreSQL store (docs/adr/0024-postgres-step-logs.md):
/// the host that ran a step has its log file; any other host reads the store's copy.
@Suite struct PostgresLogsEndToEndTests {
    /// A workspace on a fresh database, and a second folder with the same `arco.yaml` and store:
    /// another host, which has no log files of its own.
    struct Hosts {
        let database: PostgresTestDatabase
        let executing: RunWorkspace
        let other: RunWorkspace

        init(_ name: String, yaml: String) throws {
            database = try PostgresEndToEnd.database(name)
            executing = try RunWorkspace(yaml)
            other = try RunWorkspace(yaml)
        }

        var store: [String: String] { ["ARCO_STORE": database.socketURL] }

        /// `arco` in the executing workspace, as host `host-a`.
        func onExecuting(_ arguments: [String]) throws -> ArcoBinary.Result {
            try executing.arco(arguments, environment: store.merging(["ARCO_HOST": "host-a"]) { $1 })
        }

        /// `arco` in the other workspace, as host `host-b`.
        func onOther(_ arguments: [String]) throws -> ArcoBinary.Result {
            try other.arco(arguments, environment: store.merging(["ARCO_HOST": "host-b"]) { $1 })
        }

        /// The run id `arco run --json` printed.
        func run(_ asset: String) throws -> String {
            let result = try onExecuting(["run", asset, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONParser.parse(result.stdout)["run_id"]?.stringValue)
        }

        /// The newest run's id, as the other host sees it.
        func latestRunID() throws -> String? {
            let result = try onOther(["status", "--limit", "1", "--json"])
            return try? JSONParser.parse(result.stdout)["runs"]?.arrayValue?.first?["run_id"]?.stringValue
        }
    }

    /// The bytes of an attempt's log file on the executing host.
    static func logFile(_ workspace: RunWorkspace, run: String, step: String) throws -> Data {
        let path = workspace.path + "/.arco/logs/\(run)/\(step)/attempt-1.log"
        return try #require(FileManager.default.contents(atPath: path), "no log at \(path)")
    }

    @Test("a run's logs print the same bytes on a host without its log files, text and --json")
    func readsFromStore() throws {
        // The text reaches the step through its environment, never through the command text.
        let hosts = try Hosts("logs_other_host", yaml: """
            version: 1
            assets:
              talk:
                command: 'for i in 1 2 3 4 5; do echo "line $i: $GREETING"; echo "err $i" >&2; done; printf "%s" "$GREETING"'
                env: { GREETING: "héllo, wörld; 'single' \\"double\\"" }
            """)
        let runID = try hosts.run("talk")
        let file = try Self.logFile(hosts.executing, run: runID, step: "talk")
        #expect(String(decoding: file, as: UTF8.self).hasPrefix("line 1: héllo, wörld; 'single' \"double\"\nerr 1\n"))
        let text = try hosts.onExecuting(["logs", runID])
        let json = try hosts.onExecuting(["logs", runID, "--json"])
        #expect(text.stdout == "==> talk (attempt 1) <==\n" + String(decoding: file, as: UTF8.self) + "\n")

        // The executing host loses its logs folder: what it prints now comes from the store.
        try FileManager.default.removeItem(atPath: hosts.executing.path + "/.arco/logs")
        let textElsewhere = try hosts.onExecuting(["logs", runID])
        #expect(textElsewhere.status == 0, "\(textElsewhere.stderr)")
        #expect(textElsewhere.stdout == text.stdout, "the same bytes as the file")
        #expect(try hosts.onExecuting(["logs", runID, "--json"]).stdout == json.stdout, "the same JSON Lines")

        // And a host that never had them prints the same.
        let other = try hosts.onOther(["logs", runID])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stdout == text.stdout)
        #expect(try hosts.onOther(["logs", runID, "--step", "talk", "--attempt", "1"]).stdout == text.stdout)
    }

    @Test("--follow on another host prints a running step's lines as they are written, and ends with the run")
    func followsFromStore() throws {
        let hosts = try Hosts("logs_follow_other_host", yaml: """
            version: 1
            assets:
              slow:
                command: 'echo first; while [ ! -f "$ARCO_WORKSPACE/go" ]; do sleep 0.05; done; echo second; sleep 0.3; echo third; sleep 0.3; printf last'
            """)
        let run = try hosts.executing.start(["run", "slow"], environment: hosts.store.merging(["ARCO_HOST": "host-a"]) { $1 })
        defer { if run.isRunning { run.terminate() } }
        let deadline = Date().addingTimeInterval(30)
        var runID: String?
        while runID == nil && Date() < deadline {
            runID = try hosts.latestRunID()
            if runID == nil { usleep(50_000) }
        }
        let id = try #require(runID)
        let follow = try hosts.other.start(
            ["logs", id, "--follow"], environment: hosts.store.merging(["ARCO_HOST": "host-b"]) { $1 }, stdoutFile: "followed.txt")
        defer { if follow.isRunning { follow.terminate() } }
        func followed() -> String { (try? String(contentsOfFile: hosts.other.path + "/followed.txt", encoding: .utf8)) ?? "" }
        while !followed().contains("first") && Date() < deadline { usleep(50_000) }
        #expect(followed() == "==> slow (attempt 1) <==\nfirst\n", "the first line arrives from the store while the step runs")
        #expect(follow.isRunning)
        #expect(run.isRunning, "the step was still running")
        try hosts.executing.touch("go")
        follow.waitUntilExit()
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(follow.terminationStatus == 0)
        #expect(followed() == "==> slow (attempt 1) <==\nfirst\nsecond\nthird\nlast\n", "every line, the unfinished last one at the end")
        let file = try Self.logFile(hosts.executing, run: id, step: "slow")
        #expect(String(decoding: file, as: UTF8.self) == "first\nsecond\nthird\nlast")
    }

    @Test("a log longer than the store's bound keeps its first 16 MiB there, then a line naming the file and host")
    func boundedInStore() throws {
        let hosts = try Hosts("logs_bound", yaml: """
            version: 1
            assets:
              big: { command: 'yes "0123456789 abcdefghijklmnopqrstuvwxyz" | head -c 17500000' }
            """)
        let runID = try hosts.run("big")
        let file = try Self.logFile(hosts.executing, run: runID, step: "big")
        #expect(file.count == 17_500_000, "the file keeps it all (log_max is 100MiB)")
        let printed = try hosts.onOther(["logs", runID])
        #expect(printed.status == 0, "\(printed.stderr)")
        let bound = 16 << 20
        // 16 MiB ends mid-line: the marker starts a line of its own.
        let path = hosts.executing.path + "/.arco/logs/\(runID)/big/attempt-1.log"
        let marker = "\n[arco: the database keeps the first 16MiB of this log; the rest is in \(path) on host host-a]\n"
        let expected = "==> big (attempt 1) <==\n" + String(decoding: file.prefix(bound), as: UTF8.self) + marker
        #expect(printed.stdout.utf8.count == expected.utf8.count, "at most the bound, plus the marker")
        #expect(printed.stdout == expected)
    }
}
