import ArcoCore
import Foundation
import Testing

/// The example workspace's poll sensor speaks the protocol arco reads: a file dropped in its
/// inbox becomes one run of that day, and the next evaluation finds nothing new.
@Suite struct QuickstartSensorEndToEndTests {
    @Test("inbox_files: a dropped file gives one TRIGGERED evaluation with its day, then nothing")
    func inboxFiles() throws {
        let folder = try TemporaryFolder()
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/quickstart").path
        let workspace = folder.path + "/quickstart"
        try FileManager.default.copyItem(atPath: example, toPath: workspace)
        try? FileManager.default.removeItem(atPath: workspace + "/.arco")
        try FileManager.default.createDirectory(atPath: workspace + "/inbox", withIntermediateDirectories: true)
        try "order_id,amount\n1,2.50\n".write(toFile: workspace + "/inbox/orders-2024-01-03.csv", atomically: true, encoding: .utf8)
        #expect(try ArcoBinary.run(["sensor", "start", "inbox_files"], in: workspace).status == 0)
        let first = try ArcoBinary.run(["sensor", "eval", "inbox_files", "--no-launch", "--json"], in: workspace)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let evaluation = try #require(
            (try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])?["evaluations"] as? [[String: Any]])
        #expect(evaluation.first?["status"] as? String == "TRIGGERED", "\(first.stdout)")
        let requests = evaluation.first?["run_requests"] as? [[String: Any]] ?? []
        #expect(requests.count == 1 && (requests.first?["run_key"] as? String)?.hasPrefix("sensor:inbox_files:inbox:orders-2024-01-03.csv:") == true,
            "\(first.stdout)")
        Thread.sleep(forTimeInterval: 1.1)
        let again = try ArcoBinary.run(["sensor", "eval", "inbox_files", "--force", "--no-launch"], in: workspace)
        #expect(again.status == 0 && again.stdout.contains("SKIPPED") && again.stdout.contains("no new files"), "\(again.stdout)")
    }
}

/// One answer naming a run key twice is one run, and the history names only runs that exist.
@Suite struct SensorDuplicateKeyEndToEndTests {
    @Test("two requests with the key 'dup' in one answer: one run, one request recorded")
    func duplicateKeys() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              a: { command: 'true' }
            sensors:
              poller:
                kind: poll
                argv: [/bin/echo, '{"run_requests": [{"run_key": "dup"}, {"run_key": "dup"}, {"run_key": "other"}]}']
                target: a
                status: running
            """)
        let result = try workspace.arco(["sensor", "eval", "poller", "--no-launch", "--json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let (_, history) = try workspace.json(["sensor", "history", "poller"])
        let requests = history["evaluations"]?.arrayValue?.first?["run_requests"]?.arrayValue ?? []
        #expect(requests.compactMap { $0["run_key"]?.stringValue } == ["sensor:poller:dup", "sensor:poller:other"], "\(history)")
        for id in requests.compactMap({ $0["run_id"]?.stringValue }) {
            #expect(try workspace.arco(["status", id]).status == 0, "run \(id) does not exist")
        }
        let (_, runs) = try workspace.json(["status", "--json"])
        #expect(runs["runs"]?.arrayValue?.count == 2)
    }
}

/// Naming a push sensor to `sensor eval` is refused before anything is evaluated.
@Suite struct SensorEvalNamesEndToEndTests {
    @Test("eval of a poll and a push sensor: exit 64, and the poll sensor was not evaluated")
    func pushNamed() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              a: { command: 'true' }
            sensors:
              poller: { kind: poll, argv: [/bin/echo, '{}'], target: a, status: running }
              hook: { kind: push, target: a, status: running }
            """)
        let result = try workspace.arco(["sensor", "eval", "poller", "hook", "--force"])
        #expect(result.status == ExitStatus.usage.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("sensor 'hook' is a push sensor"), "\(result.stderr)")
        let (_, history) = try workspace.json(["sensor", "history", "poller"])
        #expect(history["evaluations"]?.arrayValue?.isEmpty == true, "\(history)")
        let (_, list) = try workspace.json(["sensor", "list"])
        let poller = list["sensors"]?.arrayValue?.first { $0["name"]?.stringValue == "poller" }
        #expect(poller?["next_evaluation"] == JSONValue.null, "due now reads null: \(list)")
    }
}

/// A payload that is not a readable file is a one-line error, never a crash.
@Suite struct SensorPushPayloadEndToEndTests {
    @Test("--payload naming a folder: exit 65 with error and hint; nothing recorded")
    func folder() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              a: { command: 'true' }
            sensors:
              hook: { kind: push, target: a, status: running }
            """)
        let result = try workspace.arco(["sensor", "push", "hook", "--message-id", "m-1", "--payload", workspace.path, "--no-launch"])
        #expect(result.status == ExitStatus.dataError.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("error: payload '\(workspace.path)' is a folder, not a file"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: "), "\(result.stderr)")
        let (_, history) = try workspace.json(["sensor", "history", "hook"])
        #expect(history["evaluations"]?.arrayValue?.isEmpty == true)
    }
}
