import ArcoCore
import Foundation
import Testing

/// `arco sensor …` on the real binary: the compare-and-set cursor, exactly-once runs under races,
/// bad sensor output, asset sensors across rebuild, and data that never reaches a command text.
@Suite struct SensorEndToEndTests {
    /// A poll command that counts: the cursor is a number, each evaluation asks for `batch-{next}`.
    static let counter = """
        #!/bin/sh
        sleep "${SENSOR_SLEEP:-0}"
        next=$(( ${ARCO_SENSOR_CURSOR:-0} + 1 ))
        printf '{"run_requests": [{"run_key": "batch-%s"}], "cursor": "%s"}' "$next" "$next"
        """

    static func workspace(_ sensors: String, extraAssets: String = "") throws -> RunWorkspace {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              report:
                command: \(RunWorkspace.mark)
            \(extraAssets)
            sensors:
            \(sensors)

            """)
        try workspace.folder.write("counter.sh", counter)
        chmod(workspace.path + "/counter.sh", 0o755)
        return workspace
    }

    static func evaluations(_ value: JSONValue) -> [JSONValue] { value["evaluations"]?.arrayValue ?? [] }

    static func runs(_ workspace: RunWorkspace) throws -> [JSONValue] {
        try workspace.json(["status", "--limit", "1000"]).value["runs"]?.arrayValue ?? []
    }

    static func settledRuns(_ workspace: RunWorkspace, count: Int, seconds: Double = 30) throws -> [JSONValue] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let runs = try Self.runs(workspace)
            if runs.count >= count, runs.allSatisfy({ $0["status"]?.stringValue == "SUCCESS" }) || Date() > deadline {
                return runs
            }
            if Date() > deadline { return runs }
            usleep(100_000)
        }
    }

    @Test("poll: the cursor advances per evaluation, too soon records nothing, cursor and interval survive rebuild")
    func pollCursorAndInterval() throws {
        let workspace = try Self.workspace("  counting: { kind: poll, command: ./counter.sh, target: report, status: running }")
        let (status, first) = try workspace.json(["sensor", "eval", "--no-launch", "--now", "2024-01-01T00:00:00Z"])
        #expect(status == 0)
        let evaluation = try #require(Self.evaluations(first).first)
        #expect(evaluation["status"]?.stringValue == "TRIGGERED")
        #expect(evaluation["cursor_before"]?.isNull == true)
        #expect(evaluation["cursor_after"]?.stringValue == "1")
        #expect(evaluation["state_version"]?.intValue == 1)
        #expect(evaluation["run_requests"]?.arrayValue?.first?["run_key"]?.stringValue == "sensor:counting:batch-1")
        #expect(evaluation["evaluated_at"]?.stringValue == "2024-01-01T00:00:00.000000Z")
        let soon = try workspace.json(["sensor", "eval", "--no-launch", "--now", "2024-01-01T00:00:10Z"])
        #expect(soon.status == 0)
        #expect(Self.evaluations(soon.value).first?["status"]?.stringValue == "TOO_SOON")
        #expect(Self.evaluations(soon.value).first?["reason"]?.stringValue?.contains("2024-01-01T00:00:30.000000Z") == true)
        let events = try workspace.json(["events", "--type", "SensorEvaluated"]).value["events"]?.arrayValue ?? []
        #expect(events.count == 1)
        let second = try workspace.json(["sensor", "eval", "--no-launch", "--now", "2024-01-01T00:00:31Z"])
        #expect(Self.evaluations(second.value).first?["cursor_after"]?.stringValue == "2")
        #expect(try workspace.arco(["rebuild"]).status == 0)
        let cursor = try workspace.json(["sensor", "cursor", "counting"]).value
        #expect(cursor["cursor"]?.stringValue == "2")
        #expect(cursor["state_version"]?.intValue == 2)
        let afterRebuild = try workspace.json(["sensor", "eval", "--no-launch", "--now", "2024-01-01T00:00:40Z"])
        #expect(Self.evaluations(afterRebuild.value).first?["status"]?.stringValue == "TOO_SOON")
        let listed = try workspace.json(["sensor", "list", "--now", "2024-01-01T00:00:40Z"]).value["sensors"]?.arrayValue?.first
        #expect(listed?["next_evaluation"]?.stringValue == "2024-01-01T00:01:01.000000Z")
        #expect(listed?["last_evaluation"]?["status"]?.stringValue == "TRIGGERED")
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }

    @Test("four concurrent `sensor eval --force` advance the cursor once per applied evaluation; no run key twice")
    func concurrentEvals() throws {
        let workspace = try Self.workspace("  counting: { kind: poll, command: ./counter.sh, target: report, status: running }")
        let processes = try (0..<4).map { _ in
            try workspace.start(["sensor", "eval", "counting", "--force", "--no-launch"], environment: ["SENSOR_SLEEP": "0.3"])
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let history = Self.evaluations(try workspace.json(["sensor", "history", "counting"]).value)
        let applied = history.filter { $0["status"]?.stringValue == "TRIGGERED" }
        #expect(applied.count >= 1)
        let cursor = try workspace.json(["sensor", "cursor", "counting"]).value
        #expect(cursor["cursor"]?.stringValue == String(applied.count))
        #expect(cursor["state_version"]?.intValue == Int64(applied.count))
        #expect(history.allSatisfy { ["TRIGGERED", "SKIPPED_STALE_CURSOR"].contains($0["status"]?.stringValue ?? "") })
        let keys = try Self.runs(workspace).compactMap { $0["run_key"]?.stringValue }
        #expect(keys.count == applied.count)
        #expect(Set(keys).count == keys.count)
    }

    @Test("eight concurrent `sensor push` of one message: one evaluation, one run; the others report it as duplicate")
    func concurrentPush() throws {
        let workspace = try Self.workspace("  hook: { kind: push, target: report, status: running }")
        try workspace.folder.write("payload.json", #"{"file": "a.csv"}"#)
        let processes = try (0..<8).map { index in
            try workspace.start(
                ["sensor", "push", "hook", "--message-id", "m-1", "--payload", "payload.json", "--json"],
                stdoutFile: "push-\(index).json")
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let outputs = try (0..<8).map { try JSONParser.parse(String(contentsOfFile: workspace.path + "/push-\($0).json", encoding: .utf8)) }
        #expect(Set(outputs.compactMap { $0["eval_id"]?.stringValue }).count == 1)
        #expect(outputs.filter { $0["duplicate"]?.boolValue == false }.count == 1)
        #expect(outputs.allSatisfy { $0["status"]?.stringValue == "TRIGGERED" })
        #expect(Self.evaluations(try workspace.json(["sensor", "history", "hook"]).value).count == 1)
        let runs = try Self.settledRuns(workspace, count: 1)
        #expect(runs.count == 1)
        #expect(runs.first?["run_key"]?.stringValue == "sensor:hook:msg:m-1")
        #expect(runs.first?["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["report"])
        let again = try workspace.json(["sensor", "push", "hook", "--message-id", "m-1"]).value
        #expect(again["duplicate"]?.boolValue == true)
        #expect(try Self.runs(workspace).count == 1)
    }

    @Test("bad sensor output is an ERROR with its reason, exit 1, and the cursor is kept", arguments: [
        ("garbage", #"command: "echo not json; echo the api said 503 >&2""#, "not JSON"),
        ("big", #"command: "head -c 2097152 /dev/zero | tr '\\0' x""#, "more than"),
        ("slow", #"command: "sleep 60 & echo $! > child.pid; wait", timeout: 1s"#, "timed out"),
        ("missing", "argv: [./no-such-program]", "could not start"),
        ("three", #"command: "echo broken pipe >&2; exit 3""#, "status 3"),
        // A plan that fails is an ERROR too, and its reason names no command-line flag.
        ("unplanned", #"command: "echo '{\"run_requests\": [{\"partition\": \"p\"}]}'""#,
         "partition 'p' was requested, but no selected asset is partitioned"),
    ])
    func badOutput(_ name: String, _ settings: String, _ reason: String) throws {
        let workspace = try Self.workspace("  \(name): { kind: poll, \(settings), target: report, status: running }")
        try workspace.arco(["sensor", "cursor", name, "--set", "kept"])
        let result = try workspace.arco(["sensor", "eval", name, "--json"])
        #expect(result.status == 1)
        let evaluation = try #require(Self.evaluations(try JSONParser.parse(result.stdout)).first)
        #expect(evaluation["status"]?.stringValue == "ERROR")
        #expect(evaluation["reason"]?.stringValue?.contains(reason) == true, "\(evaluation["reason"]?.stringValue ?? "nil")")
        #expect(evaluation["cursor_after"]?.stringValue == "kept")
        #expect(try workspace.json(["sensor", "cursor", name]).value["cursor"]?.stringValue == "kept")
        if name == "three" { #expect(evaluation["reason"]?.stringValue?.contains("broken pipe") == true) }
        if name == "garbage" { #expect(evaluation["reason"]?.stringValue?.contains("stderr: the api said 503") == true) }
        if name == "slow" {
            let child = try #require(Int32((try? String(contentsOfFile: workspace.path + "/child.pid", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
            #expect(!isRunning(child), "the timed-out command's child survived")
        }
        #expect(try Self.runs(workspace).isEmpty)
    }

    @Test("payload and cursor holding $(…), quotes and newlines reach steps and commands only as data")
    func injection() throws {
        let hostile = "$(touch pwned) `touch pwned2` '\"\n; touch pwned3\n"
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              report:
                command: cat "$ARCO_SENSOR_PAYLOAD_FILE" > "$ARCO_WORKSPACE/got"; ls -l "$ARCO_SENSOR_PAYLOAD_FILE" > "$ARCO_WORKSPACE/mode"
            sensors:
              hook: { kind: push, target: report, status: running }
              seen: { kind: poll, command: "printf '%s' \\"$ARCO_SENSOR_CURSOR\\" > seen-cursor; echo '{}'", target: report, status: running }

            """)
        try workspace.folder.write("payload", hostile)
        #expect(try workspace.arco(["sensor", "push", "hook", "--message-id", hostile.replacingOccurrences(of: "\n", with: " "), "--payload", "payload"]).status == 0)
        _ = try Self.settledRuns(workspace, count: 1)
        #expect(try String(contentsOfFile: workspace.path + "/got", encoding: .utf8) == hostile)
        #expect((try? String(contentsOfFile: workspace.path + "/mode", encoding: .utf8))?.hasPrefix("-rw-------") == true)
        #expect(try workspace.arco(["sensor", "cursor", "seen", "--set", hostile]).status == 0)
        let result = try workspace.arco(["sensor", "eval", "seen", "--json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try String(contentsOfFile: workspace.path + "/seen-cursor", encoding: .utf8) == hostile)
        #expect(!workspace.exists("pwned") && !workspace.exists("pwned2") && !workspace.exists("pwned3"))
    }

    @Test("asset sensor: two materializations of the watched asset, two runs; after rebuild a repeated eval requests none")
    func assetSensor() throws {
        let workspace = try Self.workspace(
            "  downstream: { kind: asset, watch: up, target: report, status: running }",
            extraAssets: "  up:\n    command: \(RunWorkspace.mark)")
        for round in 1...2 {
            #expect(try workspace.arco(["run", "up"]).status == 0)
            let (status, value) = try workspace.json(["sensor", "eval"])
            #expect(status == 0)
            let evaluation = Self.evaluations(value).first
            #expect(evaluation?["status"]?.stringValue == "TRIGGERED")
            #expect(evaluation?["run_requests"]?.arrayValue?.count == 1)
            _ = try Self.settledRuns(workspace, count: 2 * round)
        }
        let reports = try Self.runs(workspace).filter { $0["run_key"]?.stringValue?.hasPrefix("sensor:downstream:mat:") == true }
        #expect(reports.count == 2)
        #expect(try workspace.arco(["rebuild"]).status == 0)
        let repeated = try workspace.json(["sensor", "eval", "--force"]).value
        #expect(Self.evaluations(repeated).isEmpty)
        #expect(try Self.runs(workspace).count == 4)
    }

    @Test("cursor set and reset are recorded; stop and start; history filters by status; unknown names exit 66")
    func operatorControls() throws {
        let workspace = try Self.workspace("  counting: { kind: poll, command: ./counter.sh, target: report }")
        let set = try workspace.json(["sensor", "cursor", "counting", "--set", "41"]).value
        #expect(set["cursor"]?.stringValue == "41")
        #expect(set["state_version"]?.intValue == 1)
        // Stopped in the file: not evaluated without a name and --force.
        #expect(Self.evaluations(try workspace.json(["sensor", "eval"]).value).isEmpty)
        #expect(try workspace.json(["sensor", "start", "counting"]).value["changed"]?.boolValue == true)
        let evaluated = try workspace.json(["sensor", "eval", "--no-launch"]).value
        #expect(Self.evaluations(evaluated).first?["cursor_after"]?.stringValue == "42")
        #expect(Self.evaluations(evaluated).first?["run_requests"]?.arrayValue?.first?["run_key"]?.stringValue
            == "sensor:counting:batch-42")
        let reset = try workspace.json(["sensor", "cursor", "counting", "--reset"]).value
        #expect(reset["cursor"]?.isNull == true)
        #expect(try workspace.json(["sensor", "stop", "counting"]).value["status"]?.stringValue == "STOPPED")
        let cursorEvents = try workspace.json(["events", "--type", "SensorCursorSet"]).value["events"]?.arrayValue ?? []
        #expect(cursorEvents.count == 2)
        let triggered = try workspace.json(["sensor", "history", "counting", "--status", "TRIGGERED"]).value
        #expect(Self.evaluations(triggered).count == 1)
        let unknown = try workspace.arco(["sensor", "eval", "countng"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("counting"))
        #expect(unknown.stderr.contains("hint:"))
    }
}

/// Crashes between an evaluation's commit and its launch.
@Suite struct SensorCrashTests {
    @Test("a crash after a push was recorded: the redelivery is a duplicate and the next push launches the queued run")
    func crashAfterPush() throws {
        let workspace = try SensorEndToEndTests.workspace("  hook: { kind: push, target: report, status: running }")
        let crashed = try workspace.arco(
            ["sensor", "push", "hook", "--message-id", "m-1"], environment: ["ARCO_CRASH_POINT": "sensor-after-eval"])
        #expect(crashed.status != 0)
        let queued = try SensorEndToEndTests.runs(workspace)
        #expect(queued.count == 1)
        #expect(queued.first?["status"]?.stringValue == "QUEUED")
        let again = try workspace.json(["sensor", "push", "hook", "--message-id", "m-1"])
        #expect(again.status == 0)
        #expect(again.value["duplicate"]?.boolValue == true)
        let runs = try SensorEndToEndTests.settledRuns(workspace, count: 1)
        #expect(runs.count == 1)
        #expect(runs.first?["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["report"])
    }

    @Test("a crash after a poll evaluation: the next eval (too soon) still launches its run, once")
    func crashAfterEval() throws {
        let workspace = try SensorEndToEndTests.workspace(
            "  counting: { kind: poll, command: ./counter.sh, target: report, status: running }")
        let crashed = try workspace.arco(
            ["sensor", "eval", "--now", "2024-01-01T00:00:00Z"], environment: ["ARCO_CRASH_POINT": "sensor-after-eval"])
        #expect(crashed.status != 0)
        let repair = try workspace.json(["sensor", "eval", "--now", "2024-01-01T00:00:05Z"])
        #expect(SensorEndToEndTests.evaluations(repair.value).first?["status"]?.stringValue == "TOO_SOON")
        let runs = try SensorEndToEndTests.settledRuns(workspace, count: 1)
        #expect(runs.count == 1)
        #expect(runs.first?["run_key"]?.stringValue == "sensor:counting:batch-1")
        #expect(runs.first?["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["report"])
    }
}

/// The rest of the protocol through the binary: push commands, added partitions, and a cursor
/// changed under a running evaluation.
@Suite struct SensorProtocolEndToEndTests {
    @Test("a push command reads the payload on stdin and answers with the poll protocol")
    func pushCommand() throws {
        let workspace = try SensorEndToEndTests.workspace(
            #"  hook: { kind: push, target: report, status: running, command: "read -r batch; printf '{\"run_requests\": [{\"run_key\": \"%s\"}], \"cursor\": \"%s\"}' \"$batch\" \"$ARCO_SENSOR_MESSAGE_ID\"" }"#)
        try workspace.folder.write("payload", "b-7\n")
        let pushed = try workspace.json(["sensor", "push", "hook", "--message-id", "m-9", "--payload", "payload", "--no-launch"])
        #expect(pushed.status == 0)
        #expect(pushed.value["status"]?.stringValue == "TRIGGERED")
        #expect(pushed.value["cursor_after"]?.stringValue == "m-9")
        #expect(pushed.value["run_requests"]?.arrayValue?.first?["run_key"]?.stringValue == "sensor:hook:b-7")
        #expect(pushed.value["duplicate"]?.boolValue == false)
        // Another message naming the same batch requests nothing new: SKIPPED, as Dagster
        // reports a tick whose every run key was used, with the existing run named.
        let again = try workspace.json(["sensor", "push", "hook", "--message-id", "m-10", "--payload", "payload", "--no-launch"])
        #expect(again.status == 0)
        #expect(again.value["status"]?.stringValue == "SKIPPED")
        #expect(again.value["reason"]?.stringValue?.contains("already requested") == true)
        let request = again.value["run_requests"]?.arrayValue?.first
        #expect(request?["existing"]?.boolValue == true)
        #expect(request?["run_id"] == pushed.value["run_requests"]?.arrayValue?.first?["run_id"])
        #expect(try SensorEndToEndTests.runs(workspace).count == 1)
    }

    @Test("text output: a cursor with a newline stays on one line; empty answers name what was asked")
    func textOutput() throws {
        let workspace = try SensorEndToEndTests.workspace(
            """
              counting: { kind: poll, command: ./counter.sh, target: report }
              watching: { kind: asset, watch: raw, target: report, status: running }
            """, extraAssets: "  raw: { command: \"true\" }")
        _ = try workspace.arco(["sensor", "cursor", "counting", "--set", "line one\nline two"])
        let shown = try workspace.arco(["sensor", "cursor", "counting"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains(#"line one\u{A}line two"#))
        #expect(shown.stdout.split(separator: "\n").count == 1)
        let history = try workspace.arco(["sensor", "history", "counting", "--status", "error"])
        #expect(history.stdout.contains("no ERROR evaluations recorded for 'counting'"))
        let quiet = try workspace.arco(["sensor", "eval", "watching"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.contains("watching: nothing new"))
    }

    @Test("add_partitions adds dynamic keys before the answer's runs are planned for them")
    func addPartitions() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              files: { type: dynamic }
            assets:
              load:
                command: \(RunWorkspace.mark)
                partitions: files
            sensors:
              arrivals: { kind: poll, command: "echo '{\\"add_partitions\\": {\\"files\\": [\\"a.csv\\"]}, \\"run_requests\\": [{\\"run_key\\": \\"a.csv\\", \\"partition\\": \\"a.csv\\"}]}'", target: load, status: running }

            """)
        let (status, value) = try workspace.json(["sensor", "eval", "--no-launch"])
        #expect(status == 0)
        let evaluation = SensorEndToEndTests.evaluations(value).first
        #expect(evaluation?["status"]?.stringValue == "TRIGGERED", "\(evaluation?["reason"]?.stringValue ?? "")")
        let keys = try workspace.arco(["partitions", "list", "files"])
        #expect(keys.stdout.contains("a.csv"))
        let runs = try SensorEndToEndTests.runs(workspace)
        #expect(runs.first?["run_key"]?.stringValue == "sensor:arrivals:a.csv")
    }

    @Test("a cursor set while a poll runs makes that poll SKIPPED_STALE_CURSOR: its runs dropped, the set cursor kept")
    func cursorSetDuringPoll() throws {
        let workspace = try SensorEndToEndTests.workspace(
            "  counting: { kind: poll, command: ./counter.sh, target: report, status: running }")
        let slow = try workspace.start(["sensor", "eval", "counting", "--no-launch", "--json"], environment: ["SENSOR_SLEEP": "1.5"],
            stdoutFile: "eval.json")
        usleep(500_000)
        #expect(try workspace.arco(["sensor", "cursor", "counting", "--set", "operator"]).status == 0)
        slow.waitUntilExit()
        #expect(slow.terminationStatus == 0)
        let printed = try JSONParser.parse(String(contentsOfFile: workspace.path + "/eval.json", encoding: .utf8))
        let evaluation = SensorEndToEndTests.evaluations(printed).first
        #expect(evaluation?["status"]?.stringValue == "SKIPPED_STALE_CURSOR")
        #expect(evaluation?["run_requests"]?.arrayValue?.isEmpty == true)
        #expect(try workspace.json(["sensor", "cursor", "counting"]).value["cursor"]?.stringValue == "operator")
        #expect(try SensorEndToEndTests.runs(workspace).isEmpty)
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }
}
