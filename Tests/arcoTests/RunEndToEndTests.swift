import ArcoCore
import Foundation
import Testing

/// `arco run`, `rerun`, `status` and `logs` on the real binary, proven by files the steps write.
@Suite struct RunEndToEndTests {
    /// a → b → c, d alone; c fails until a file named `fix` exists.
    static let chain = """
        version: 1
        assets:
          a: { command: '\(RunWorkspace.mark)' }
          b: { command: '\(RunWorkspace.mark)', deps: [a] }
          c: { command: '\(RunWorkspace.mark); test -f "$ARCO_WORKSPACE/fix" || exit 7', deps: [b] }
          d: { command: '\(RunWorkspace.mark)' }
        """

    @Test("selecting a runs only a; a+ adds one level; key:a+ and a* run the whole chain; +b adds a")
    func uncheatableSelection() throws {
        let workspace = try RunWorkspace(Self.chain)
        try workspace.touch("fix")
        for (selection, expected) in [
            ("a", ["a"]), ("a+", ["a", "b"]), ("key:a+", ["a", "b", "c"]), ("a*", ["a", "b", "c"]), ("+b", ["a", "b"]),
            ("a,d", ["a", "d"]),
        ] {
            workspace.clearMarkers()
            let result = try workspace.arco(["run", selection, "--max-concurrency", "1"])
            #expect(result.status == 0, "\(selection): \(result.stdout)\(result.stderr)")
            #expect(workspace.markers().sorted() == expected, "\(selection) ran \(workspace.markers())")
        }
    }

    @Test("a failed step skips what is downstream, independent steps go on, exit 1; rerun --from-failure reruns exactly the rest")
    func failureAndRerun() throws {
        let workspace = try RunWorkspace(Self.chain + "\n  e: { command: '\(RunWorkspace.mark)', deps: [c] }\n")
        let (status, run) = try workspace.json(["run", "key:a+", "d", "--max-concurrency", "1"])
        #expect(status == 1)
        #expect(run["status"]?.stringValue == "FAILURE")
        #expect(run.stepStatuses == ["a": "SUCCESS", "b": "SUCCESS", "c": "FAILURE", "d": "SUCCESS", "e": "SKIPPED"])
        let failed = run["steps"]?.arrayValue?.first { $0["step_key"]?.stringValue == "c" }
        #expect(failed?["exit_code"]?.intValue == 7)
        #expect(failed?["error"]?.stringValue == "exit code 7")
        #expect(failed?["attempts"]?.intValue == 1)
        let parent = try #require(run["run_id"]?.stringValue)

        try workspace.touch("fix")
        workspace.clearMarkers()
        let (rerunStatus, rerun) = try workspace.json(["rerun", parent, "--from-failure"])
        #expect(rerunStatus == 0)
        // Only the steps that did not succeed ran again: the marker file is the proof.
        #expect(workspace.markers().sorted() == ["c", "e"])
        #expect(rerun["parent_run_id"]?.stringValue == parent)
        #expect(rerun["root_run_id"]?.stringValue == parent)
        #expect(rerun["trigger"]?["kind"]?.stringValue == "rerun")
        #expect(rerun.stepStatuses == ["c": "SUCCESS", "e": "SUCCESS"])

        // Repeating the command returns the same run and runs nothing.
        let (_, again) = try workspace.json(["rerun", parent, "--from-failure"])
        #expect(again["run_id"] == rerun["run_id"])
        #expect(again["existing"]?.boolValue == true)
        #expect(workspace.markers().sorted() == ["c", "e"])

        // A succeeded run has no failure to rerun; a subset rerun closes over the parent's plan.
        let child = try #require(rerun["run_id"]?.stringValue)
        #expect(try workspace.arco(["rerun", child, "--from-failure"]).status == 65)
        workspace.clearMarkers()
        let (subsetStatus, subset) = try workspace.json(["rerun", parent, "--steps", "b+"])
        #expect(subsetStatus == 0)
        #expect(workspace.markers() == ["b", "c", "e"])
        let (_, subsetAgain) = try workspace.json(["rerun", parent, "--steps", "b+"])
        #expect(subsetAgain["run_id"] == subset["run_id"])
        #expect(subsetAgain["existing"]?.boolValue == true)
        #expect(workspace.markers() == ["b", "c", "e"])
    }

    @Test("asset list shows every asset in file order; a selection matching nothing points to it")
    func assetList() throws {
        let workspace = try RunWorkspace(Self.chain)
        let (status, listed) = try workspace.json(["asset", "list"])
        #expect(status == 0)
        let assets = listed["assets"]?.arrayValue ?? []
        #expect(assets.compactMap { $0["asset"]?.stringValue } == ["a", "b", "c", "d"])
        #expect(assets[2]["deps"] == .array([.string("b")]))
        #expect(assets[2]["partitions_def"] == .null)
        let text = try workspace.arco(["asset", "list"])
        #expect(text.stdout.split(separator: "\n").first?.hasPrefix("ASSET") == true)
        let row = text.stdout.split(separator: "\n").first { $0.hasPrefix("c ") }.map { $0.split(separator: " ") }
        #expect(row == ["c", "default", "-", "b"])
        let nothing = try workspace.arco(["run", "tag:team=nobody"])
        #expect(nothing.status == 65)
        #expect(nothing.stderr.contains("hint: list the declared assets: `arco asset list`"), "\(nothing.stderr)")
    }

    @Test("a step never inherits a partition from the environment arco was started in (arco inside a step)")
    func noInheritedPartition() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              plain: { command: 'printf "%s" "${ARCO_PARTITION_KEY-unset}" > "$ARCO_WORKSPACE/seen"' }
            """)
        let result = try workspace.arco(["run", "plain"], environment: ["ARCO_PARTITION_KEY": "outer", "ARCO_PARTITION_KEYS": "outer"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: workspace.path + "/seen", encoding: .utf8) == "unset")
    }

    @Test("without --json, every step transition is a line: started, ended, and skipped below a failure")
    func progressLines() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              a: { command: 'exit 3' }
              b: { command: '\(RunWorkspace.mark)', deps: [a] }
              c: { command: '\(RunWorkspace.mark)', deps: [b] }
            """)
        let result = try workspace.arco(["run", "a*"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "STARTED  a")
        #expect(lines.contains { $0.hasPrefix("FAILURE  a  ") && $0.hasSuffix("exit code 3") }, "\(lines)")
        #expect(lines.contains("SKIPPED  b  upstream step 'a' failure"), "\(lines)")
        #expect(lines.contains("SKIPPED  c  upstream step 'a' failure"), "\(lines)")
        #expect(workspace.markers().isEmpty)
    }

    @Test("run keys: a repeat returns the run, order does not matter, a different request is a recorded conflict")
    func runKeys() throws {
        let workspace = try RunWorkspace(Self.chain)
        let (first, run) = try workspace.json(["run", "a,d", "--run-key", "k1", "--tag", "team=data"])
        #expect(first == 0)
        #expect(run["existing"] == nil)
        let (again, repeated) = try workspace.json(["run", "d,a", "--run-key", "k1", "--tag", "team=data"])
        #expect(again == 0)
        #expect(repeated["run_id"] == run["run_id"])
        #expect(repeated["existing"]?.boolValue == true)
        #expect(workspace.markers().sorted() == ["a", "d"])

        let conflict = try workspace.arco(["run", "a,d", "--run-key", "k1", "--tag", "team=ops"])
        #expect(conflict.status == 65)
        #expect(conflict.stderr.contains("run key 'k1' already names run '\(run["run_id"]?.stringValue ?? "")'"))
        #expect(conflict.stderr.contains("existing fingerprint:") && conflict.stderr.contains("requested fingerprint:"))
        #expect(try StoreProbe.conflicts(workspace.path, key: "k1") == 1)
        #expect(workspace.markers().sorted() == ["a", "d"])

        // A request that fails validation reserves nothing: the key is still free afterwards.
        #expect(try workspace.arco(["run", "nope", "--run-key", "k2"]).status == 65)
        let (fresh, freshRun) = try workspace.json(["run", "d", "--run-key", "k2"])
        #expect(fresh == 0)
        #expect(freshRun["existing"] == nil)
    }

    @Test("8 processes racing on one run key execute exactly one run")
    func runKeyRace() throws {
        let workspace = try RunWorkspace(Self.chain)
        let processes = try (0..<8).map { _ in try workspace.start(["run", "d", "--run-key", "race"]) }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(processes.map(\.terminationStatus))")
        #expect(workspace.markers() == ["d"])
        let (_, list) = try workspace.json(["status"])
        #expect(list["runs"]?.arrayValue?.count == 1)
    }

    @Test("steps run in dependency order with at most --max-concurrency at once")
    func parallelismBound() throws {
        let stamp = #"date +%s.%N >> "$ARCO_WORKSPACE/start.$ARCO_ASSET"; sleep 0.3; date +%s.%N >> "$ARCO_WORKSPACE/end.$ARCO_ASSET""#
        var yaml = "version: 1\nassets:\n"
        for name in ["p1", "p2", "p3", "p4", "p5", "p6"] { yaml += "  \(name): { command: '\(stamp)' }\n" }
        yaml += "  last: { command: '\(stamp)', deps: [p1, p2, p3, p4, p5, p6] }\n"
        let workspace = try RunWorkspace(yaml)
        let result = try workspace.arco(["run", "*", "--max-concurrency", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        func read(_ kind: String, _ name: String) throws -> Double {
            let text = try String(contentsOfFile: workspace.path + "/\(kind).\(name)", encoding: .utf8)
            return Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        let names = ["p1", "p2", "p3", "p4", "p5", "p6"]
        let intervals = try names.map { (try read("start", $0), try read("end", $0)) }
        var most = 0
        for (start, _) in intervals {
            most = max(most, intervals.filter { $0.0 <= start && start < $0.1 }.count)
        }
        #expect(most == 2, "at most 2 at once, and 2 did overlap; saw \(most)")
        #expect(try read("start", "last") >= intervals.map(\.1).max() ?? 0, "last started before its dependencies ended")
    }

    @Test("a timeout kills the step's whole process group, grandchildren included")
    func timeoutKillsGrandchildren() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              slow:
                command: 'sleep 30 & echo $! > "$ARCO_WORKSPACE/child.pid"; wait'
                timeout: 500ms
            """)
        let (status, run) = try workspace.json(["run", "slow"])
        #expect(status == 1)
        #expect(run["steps"]?.arrayValue?.first?["error"]?.stringValue == "timed out after 500ms")
        let pid = try pidFile(workspace.path + "/child.pid")
        usleep(200_000)
        #expect(!isRunning(pid), "the grandchild \(pid) survived the timeout")
    }

    @Test("a timed-out step that ignores SIGTERM is killed with SIGKILL after the grace period")
    func timeoutEscalatesToKill() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              stubborn:
                command: 'trap "" TERM; sleep 30 & echo $! > "$ARCO_WORKSPACE/child.pid"; wait; wait'
                timeout: 300ms
            """)
        let began = Date()
        let (status, run) = try workspace.json(["run", "stubborn"])
        #expect(status == 1)
        #expect(run["steps"]?.arrayValue?.first?["error"]?.stringValue == "timed out after 300ms")
        // TERM was ignored, so only the KILL after the 5 s grace period ended it.
        #expect(Date().timeIntervalSince(began) >= 5)
        let pid = try pidFile(workspace.path + "/child.pid")
        usleep(200_000)
        #expect(!isRunning(pid), "the grandchild \(pid) ignored TERM and survived")
    }

    @Test("retries: each attempt is recorded with its own log; the step succeeds on its second attempt")
    func retries() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              flaky:
                command: 'echo "attempt $ARCO_ATTEMPT"; test -f "$ARCO_WORKSPACE/seen" || { touch "$ARCO_WORKSPACE/seen"; exit 1; }'
                retries: { max: 2, delay: 100ms }
            """)
        let (status, run) = try workspace.json(["run", "flaky"])
        #expect(status == 0)
        let step = run["steps"]?.arrayValue?.first
        #expect(step?["status"]?.stringValue == "SUCCESS")
        #expect(step?["attempts"]?.intValue == 2)
        let runID = try #require(run["run_id"]?.stringValue)
        let first = try workspace.arco(["logs", runID, "--attempt", "1"])
        #expect(first.stdout.contains("attempt 1") && !first.stdout.contains("attempt 2"))
        let all = try workspace.arco(["logs", runID])
        #expect(all.stdout.contains("==> flaky (attempt 2) <==") && all.stdout.contains("attempt 2"))
    }

    @Test("SIGINT and SIGTERM cancel the run: the running step is killed, the rest canceled, exit 1",
          arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func interruptCancels(signal: Int32, name: String) throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              long: { command: 'sleep 30 & echo $! > "$ARCO_WORKSPACE/child.pid"; wait' }
              after: { command: '\(RunWorkspace.mark)', deps: [long] }
            """)
        let process = try workspace.start(["run", "long+"], stdoutFile: "progress.txt")
        workspace.waitForPID("child.pid", seconds: 10)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        // One line per transition, including the step that never started.
        let lines = try String(contentsOfFile: workspace.path + "/progress.txt", encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("CANCELED  after  run canceled") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("CANCELED  long") }, "\(lines)")
        let run = try workspace.json(["status", try workspace.latestRunID()]).value
        #expect(run["status"]?.stringValue == "CANCELED")
        #expect(run["reason"]?.stringValue == "canceled: interrupted (\(name))")
        #expect(run.stepStatuses == ["long": "CANCELED", "after": "CANCELED"])
        #expect(workspace.markers().isEmpty)
        let pid = try pidFile(workspace.path + "/child.pid")
        #expect(!isRunning(pid), "the step's child survived the cancel")
    }

    @Test("partition keys reach steps only through the environment: '$(touch pwned)' creates no file")
    func partitionKeyInjection() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              odd: { type: static, keys: ['$(touch pwned)', 'a;touch pwned2', '../../escape'] }
            assets:
              p:
                command: 'printf "%s\\n" "$ARCO_PARTITION_KEY" >> "$ARCO_WORKSPACE/keys"'
                partitions: odd
            """)
        for key in ["$(touch pwned)", "a;touch pwned2", "../../escape"] {
            let result = try workspace.arco(["run", "p", "--partition", key])
            #expect(result.status == 0, "\(key): \(result.stderr)")
        }
        #expect(!workspace.exists("pwned") && !workspace.exists("pwned2"))
        let keys = try String(contentsOfFile: workspace.path + "/keys", encoding: .utf8)
        #expect(keys == "$(touch pwned)\na;touch pwned2\n../../escape\n")
        // Log paths derived from keys stay inside the run's folder.
        let logs = try FileManager.default.subpathsOfDirectory(atPath: workspace.path + "/.arco/logs")
        #expect(logs.allSatisfy { !$0.contains("..") && !$0.contains("$(") && !$0.contains(";") }, "\(logs)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/escape"))
    }

    @Test("partitions: --partition, --partition-range, single_run ranges, environment and data versions")
    func partitions() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01 }
            assets:
              raw:
                command: 'echo "$ARCO_PARTITION_KEY $ARCO_PARTITION_START $ARCO_PARTITION_END" >> "$ARCO_WORKSPACE/raw"; echo "{\\"data_version\\": \\"v-$ARCO_PARTITION_KEY\\"}" >> "$ARCO_REPORT"'
                partitions: daily
              rollup:
                command: 'printf "%s|" $ARCO_PARTITION_KEYS >> "$ARCO_WORKSPACE/rollup"'
                partitions: daily
                deps: [raw]
                backfill_policy: single_run
            """)
        let (status, run) = try workspace.json(["run", "raw+", "--partition-range", "2024-01-01...2024-01-03"])
        #expect(status == 0)
        #expect(Set(run.stepStatuses.keys) == ["raw[2024-01-01]", "raw[2024-01-02]", "raw[2024-01-03]", "rollup[2024-01-01...2024-01-03]"])
        let raw = try String(contentsOfFile: workspace.path + "/raw", encoding: .utf8)
        #expect(raw.contains("2024-01-02 2024-01-02T00:00:00+00:00 2024-01-03T00:00:00+00:00"))
        #expect(try String(contentsOfFile: workspace.path + "/rollup", encoding: .utf8) == "2024-01-01|2024-01-02|2024-01-03|")
        let (_, shown) = try workspace.json(["asset", "show", "rollup", "--now", "2024-01-05T00:00:00Z"])
        #expect(shown["counts"]?["materialized"]?.intValue == 3)
        let (_, rawShown) = try workspace.json(["asset", "show", "raw", "--now", "2024-01-05T00:00:00Z"])
        // The three partitions run at once, so whichever finished last is the latest: its data
        // version is the one its own partition reported.
        let latest = rawShown["last_materialization"]
        let latestPartition = try #require(latest?["partition"]?.stringValue)
        #expect(["2024-01-01", "2024-01-02", "2024-01-03"].contains(latestPartition))
        #expect(latest?["data_version"]?.stringValue == "v-\(latestPartition)")

        #expect(try workspace.arco(["run", "raw"]).stderr.contains("asset 'raw' is partitioned"))
        #expect(try workspace.arco(["run", "raw", "--partition", "2023-12-31"]).status == 65)
        #expect(try workspace.arco(["run", "raw", "--partition-range", "2024-01-03...2024-01-01"]).status == 65)
    }

    @Test("--detach prints the run id at once and a background worker executes it; cancel is idempotent")
    func detachAndCancel() throws {
        let workspace = try RunWorkspace(
            Self.chain + "\n  long: { command: 'sleep 30' }\n  nap: { command: 'sleep 1; \(RunWorkspace.mark)' }\n")
        // --wait on a key that names a queued run returns once that run ended, with its status.
        let napID = try workspace.arco(["run", "nap", "--run-key", "nap", "--detach"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (waited, napRun) = try workspace.json(["run", "nap", "--run-key", "nap", "--wait"])
        #expect(waited == 0)
        #expect(napRun["run_id"]?.stringValue == napID)
        #expect(napRun["existing"]?.boolValue == true)
        #expect(napRun["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["nap"])
        workspace.clearMarkers()

        let started = Date()
        let detached = try workspace.arco(["run", "a+", "--detach"])
        #expect(detached.status == 0)
        #expect(Date().timeIntervalSince(started) < 5)
        let runID = detached.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let done = try workspace.waitForRun(runID) { $0["status"]?.stringValue == "SUCCESS" }
        #expect(done["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers().sorted() == ["a", "b"])

        let long = try workspace.arco(["run", "long", "--detach"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try workspace.waitForRun(long) { $0.stepStatuses["long"] == "RUNNING" }
        // The first beat comes one interval (5 s) into the run.
        let beatDeadline = Date().addingTimeInterval(10)
        while !workspace.exists(".arco/heartbeats/\(long)") && Date() < beatDeadline { usleep(50_000) }
        #expect(workspace.exists(".arco/heartbeats/\(long)"), "a running run has a heartbeat")
        let asked = Date()
        #expect(try workspace.arco(["cancel", long]).status == 0)
        let canceled = try workspace.waitForRun(long) { $0["status"]?.stringValue == "CANCELED" }
        #expect(canceled["status"]?.stringValue == "CANCELED")
        #expect(Date().timeIntervalSince(asked) < 2, "cancel took effect after \(Date().timeIntervalSince(asked)) s")
        // The worker removes its run's heartbeat when it is done: the folder holds runs in flight.
        let beatsDeadline = Date().addingTimeInterval(5)
        while workspace.exists(".arco/heartbeats/\(long)") && Date() < beatsDeadline { usleep(20_000) }
        #expect(!workspace.exists(".arco/heartbeats/\(long)"))
        #expect(!workspace.exists(".arco/heartbeats/\(runID)"), "a run shorter than one beat writes none")
        let again = try workspace.arco(["cancel", long])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already ended"))
        #expect(try workspace.arco(["cancel", "run_nope"]).status == 66)
    }

    @Test("logs: text with headers, JSON lines, unknown run and step")
    func logs() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              talk: { command: 'echo out; echo err >&2' }
            """)
        let (_, run) = try workspace.json(["run", "talk"])
        let runID = try #require(run["run_id"]?.stringValue)
        let text = try workspace.arco(["logs", runID])
        #expect(text.stdout == "==> talk (attempt 1) <==\nout\nerr\n")
        let lines = try workspace.arco(["logs", runID, "--json", "--step", "talk"]).stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONParser.parse(String(lines[0]))["line"]?.stringValue == "out")
        #expect(try workspace.arco(["logs", "run_nope"]).status == 66)
        #expect(try workspace.arco(["logs", runID, "--step", "nope"]).status == 66)
        let follow = try workspace.arco(["logs", runID, "--follow"])
        #expect(follow.status == 0 && follow.stdout.contains("out"))
    }

    @Test("asset report records a runless materialization once per key; a step records the upstream versions it consumed")
    func reportAndConsumedVersions() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              ext: { command: 'true', code_version: "7" }
              use: { command: 'echo "{\\"metadata\\": {\\"rows\\": 5}}" >> "$ARCO_REPORT"', deps: [ext], code_version: "2" }
            """)
        let (status, reported) = try workspace.json(["asset", "report", "ext", "--data-version", "ext-v1", "--report-key", "load-1"])
        #expect(status == 0)
        #expect(reported["recorded"]?.boolValue == true)
        let (_, again) = try workspace.json(["asset", "report", "ext", "--data-version", "ext-v1", "--report-key", "load-1"])
        #expect(again["recorded"]?.boolValue == false)
        #expect(try workspace.arco(["asset", "report", "ext", "--partition", "x"]).status == 65)
        #expect(try workspace.arco(["asset", "report", "nope"]).status == 65)

        #expect(try workspace.arco(["run", "use"]).status == 0)
        let (_, events) = try workspace.json(["events", "--type", "AssetMaterialized"])
        let payloads = (events["events"]?.arrayValue ?? []).compactMap { $0["payload"] }
        #expect(payloads.count == 2, "one report (the repeat recorded nothing) and one step")
        let step = try #require(payloads.last)
        #expect(step["asset"]?.stringValue == "use")
        #expect(step["code_version"]?.stringValue == "2")
        #expect(step["consumed"]?.arrayValue?.first?["data_version"]?.stringValue == "ext-v1")
        #expect(step["metadata"]?["rows"]?.intValue == 5)
        // No reported version: Dagster's logical version of the code version and the inputs.
        #expect(step["data_version"]?.stringValue == SHA256Hex.digest("2ext-v1"))
    }

    @Test("workers racing for queued runs execute each exactly once; a long-running worker stops on SIGTERM")
    func workersRace() throws {
        let workspace = try RunWorkspace(Self.chain)
        // Each --detach also starts its own worker, so every run has several claimants.
        var runIDs = [String]()
        var workers = [Process]()
        for name in ["a", "b", "d"] {
            workers.append(try workspace.start(["worker", "--once"]))
            let detached = try workspace.arco(["run", name, "--detach"])
            #expect(detached.status == 0)
            runIDs.append(detached.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            workers.append(try workspace.start(["worker", "--once", "--max-concurrent-runs", "2"]))
        }
        for runID in runIDs {
            let run = try workspace.waitForRun(runID) { $0["status"]?.stringValue == "SUCCESS" }
            #expect(run["status"]?.stringValue == "SUCCESS")
        }
        for worker in workers { worker.waitUntilExit() }
        #expect(workspace.markers().sorted() == ["a", "b", "d"], "a run executed twice or not at all: \(workspace.markers())")
        let (_, events) = try workspace.json(["events", "--type", "RunStarted"])
        #expect(events["events"]?.arrayValue?.count == 3, "one claim per run")

        let daemon = try workspace.start(["worker"])
        usleep(300_000)
        #expect(daemon.isRunning)
        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        #expect(try workspace.arco(["status", runIDs[0], "--watch"]).stdout.contains("SUCCESS"), "--watch returns once the run has ended")
    }

    @Test("a step that cannot start fails with the reason; independent steps still run; exit 1")
    func cannotStart() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              a: { command: '\(RunWorkspace.mark)', env_file: missing.env }
              b: { command: '\(RunWorkspace.mark)', deps: [a] }
              c: { command: '\(RunWorkspace.mark)' }
            """)
        let (status, run) = try workspace.json(["run", "a+,c", "--max-concurrency", "1"])
        #expect(status == 1)
        #expect(run["status"]?.stringValue == "FAILURE")
        #expect(run.stepStatuses == ["a": "FAILURE", "b": "SKIPPED", "c": "SUCCESS"])
        let error = run["steps"]?.arrayValue?.first { $0["step_key"]?.stringValue == "a" }?["error"]?.stringValue ?? ""
        #expect(error.hasPrefix("could not start: cannot read env_file"), "\(error)")
        #expect(workspace.markers() == ["c"])
    }

    @Test("a worker with room for two runs starts a run queued while another is executing")
    func workerPicksUpLateRuns() throws {
        let workspace = try RunWorkspace(Self.chain + "\n  long: { command: 'sleep 6' }\n")
        // Queued runs with no worker of their own (the detaching process dies before spawning it).
        let worker = try workspace.start(["worker", "--max-concurrent-runs", "2"])
        defer { worker.terminate() }
        func queue(_ name: String) throws -> String {
            _ = try workspace.arco(["run", name, "--detach"], environment: ["ARCO_CRASH_POINT": "after-queue"])
            return try workspace.latestRunID()
        }
        let long = try queue("long")
        let running = try workspace.waitForRun(long) { $0.stepStatuses["long"] == "RUNNING" }
        #expect(running.stepStatuses["long"] == "RUNNING")
        let quick = try queue("d")
        let queued = Date()
        let finished = try workspace.waitForRun(quick, seconds: 5) { $0["status"]?.stringValue == "SUCCESS" }
        #expect(finished["status"]?.stringValue == "SUCCESS")
        #expect(Date().timeIntervalSince(queued) < 4, "the second run waited for the first")
    }

    @Test("a failed step's last output lines follow its FAILURE line and reach --json, status and backfills")
    func failureTail() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: 2024-01-11 }
            assets:
              enrich:
                command: 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "line $i"; done; echo "ERROR: upstream API returned 503" >&2; exit 3'
                partitions: daily
            """)
        let run = try workspace.arco(["run", "enrich", "--partition", "2024-01-09"])
        #expect(run.status == 1)
        let runID = try workspace.latestRunID()
        let expected = ["FAILURE  enrich[2024-01-09]"] + (4...12).map { "    line \($0)" } + [
            "    ERROR: upstream API returned 503",
            "    hint: the whole log: `arco logs \(runID) --step 'enrich[2024-01-09]'`",
        ]
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("FAILURE  enrich[2024-01-09]") })
        #expect(lines[start].hasSuffix("exit code 3"))
        #expect(Array(lines[(start + 1)..<(start + expected.count)]) == Array(expected.dropFirst()), "\(run.stdout)")

        let (_, object) = try workspace.json(["status", runID])
        let error = try #require(object["steps"]?.arrayValue?.first?["error"]?.stringValue)
        #expect(error.hasPrefix("exit code 3\nline 1\n"))
        #expect(error.hasSuffix("\nline 12\nERROR: upstream API returned 503"))
        let status = try workspace.arco(["status", runID]).stdout
        #expect(status.contains("enrich[2024-01-09] (attempt 1) ended with:\n"), "\(status)")
        #expect(status.contains("    ERROR: upstream API returned 503\n"))

        let quiet = try workspace.arco(["run", "enrich", "--partition", "2024-01-08", "--failure-lines", "0"])
        #expect(!quiet.stdout.contains("line 12") && !quiet.stdout.contains("hint:"), "\(quiet.stdout)")
        let one = try workspace.arco(["run", "enrich", "--partition", "2024-01-07", "--failure-lines", "1"])
        #expect(one.stdout.contains("    ERROR: upstream API returned 503\n") && !one.stdout.contains("line 12"), "\(one.stdout)")

        _ = try workspace.arco(["backfill", "create", "--select", "enrich", "--from", "2024-01-01", "--to", "2024-01-01"])
        let backfill = try workspace.arco(["backfill", "status"]).stdout
        #expect(backfill.contains("exit code 3: ERROR: upstream API returned 503"), "\(backfill)")
    }

    @Test("a day before the first week runs the day and skips the weekly rollup with a note, in text and JSON")
    func mappingEdge() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-02 }
              weekly: { type: weekly, start: 2024-01-07 }
            assets:
              events: { command: '\(RunWorkspace.mark)', partitions: daily }
              weekly_rollup: { command: '\(RunWorkspace.mark)', partitions: weekly, deps: [events] }
            """)
        let text = try workspace.arco(["run", "events*", "--partition", "2024-01-02"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.contains(
            "note: weekly_rollup has no partition that reads what this run materializes (its first is 2024-01-07); skipped"),
            "\(text.stderr)")
        #expect(workspace.markers() == ["events[2024-01-02]"])
        let (status, run) = try workspace.json(["run", "events*", "--partition", "2024-01-03"])
        #expect(status == 0)
        #expect(run["skipped"]?.arrayValue?.count == 1)
        let blamed = try workspace.arco(["run", "weekly_rollup", "--partition", "2024-01-02"])
        #expect(blamed.status == 65, "a key typed for the weekly asset itself is still wrong")
    }

    @Test("worker --once executes what is queued and prints each run's end exactly once")
    func workerOncePrintsEachRunOnce() throws {
        let workspace = try RunWorkspace(Self.chain)
        try workspace.touch("fix")
        // Queued with no worker started: the requester dies right after queuing.
        for selection in ["a", "d"] {
            _ = try workspace.arco(["run", selection, "--detach"], environment: ["ARCO_CRASH_POINT": "after-queue"])
        }
        let queued = (try workspace.json(["status"]).value["runs"]?.arrayValue ?? []).compactMap { $0["run_id"]?.stringValue }
        #expect(queued.count == 2)
        let worker = try workspace.arco(["worker", "--once"])
        #expect(worker.status == 0)
        for runID in queued {
            let ends = worker.stdout.split(separator: "\n").filter { $0.hasPrefix("run \(runID) ") }
            #expect(ends == ["run \(runID) SUCCESS"], "\(worker.stdout)")
        }
        #expect(workspace.markers().sorted() == ["a", "d"])
    }
}

