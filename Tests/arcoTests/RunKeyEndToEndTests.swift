import ArcoCore
import ArcoStore
import Foundation
import Testing

/// Run keys typed on the command line are one printable line within `Limits.runKeyBytesMax`;
/// a key an old ledger holds with a newline still prints on one line.
@Suite struct RunKeyEndToEndTests {
    static let yaml = """
        version: 1
        assets:
          d: { command: '\(RunWorkspace.mark)' }
        """

    @Test("run --run-key refuses an empty key, a newline, a tab, DEL, a C1 control and a key over 512 bytes with exit 65",
        arguments: ["", "a\nb", "a\tb", "a\u{7F}b", "a\u{85}b", "a\u{9F}b", String(repeating: "k", count: 513)])
    func runRefuses(key: String) throws {
        let workspace = try RunWorkspace(Self.yaml)
        let result = try workspace.arco(["run", "d", "--run-key", key])
        #expect(result.status == 65, "\(result.stdout)\(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 2, "one error line and one hint line: \(lines)")
        #expect(lines.first?.hasPrefix("error: --run-key '") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("hint: ") == true, "\(lines)")
        #expect(workspace.markers().isEmpty, "nothing ran")
        let (_, events) = try workspace.json(["events", "--type", "RunRequested"])
        #expect(events["events"]?.arrayValue?.isEmpty == true, "nothing was reserved")
    }

    @Test("a run key of exactly 512 bytes is accepted and repeats as usual")
    func runAcceptsLimit() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let key = String(repeating: "é", count: 256)
        #expect(try workspace.arco(["run", "d", "--run-key", key]).status == 0)
        let (again, repeated) = try workspace.json(["run", "d", "--run-key", key])
        #expect(again == 0)
        #expect(repeated["existing"]?.boolValue == true)
        #expect(workspace.markers() == ["d"])
    }

    @Test("rerun --run-key refuses an empty key and a newline with exit 65", arguments: ["", "x\ny"])
    func rerunRefuses(key: String) throws {
        let workspace = try RunWorkspace(Self.yaml)
        let (status, run) = try workspace.json(["run", "d"])
        #expect(status == 0)
        let runID = try #require(run["run_id"]?.stringValue)
        let result = try workspace.arco(["rerun", runID, "--steps", "d", "--run-key", key])
        #expect(result.status == 65, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: --run-key '"), "\(result.stderr)")
        #expect(workspace.markers() == ["d"], "the rerun did not run")
    }

    @Test("a run key with a newline and a C1 control from an old ledger prints on one line in status")
    func oldLedgerKeyPrintsOnOneLine() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try workspace.arco(["run", "d"]).status == 0)
        // Before run keys were checked, `arco run --run-key "$(printf 'old\nkey')"` recorded this.
        let store = try SQLiteStore(path: workspace.path + "/.arco/arco.db", options: SQLiteStore.Options(create: false))
        let planted = RunRequested(
            runID: RunID("01HZZZZZZZZZZZZZZZZZZZZZZZ"), runKey: RunKey("old\nkey\u{85}x"), fingerprint: "f", selection: "d",
            trigger: RunTrigger(kind: .manual), steps: [PlannedStep(stepKey: "d", asset: "d")])
        try store.write { transaction in
            _ = try transaction.append(
                [(EventDraft(planted), EventID("01HZZZZZZZZZZZZZZZZZZZZZZZ"))], recordedAt: Timestamp(secondsSinceEpoch: 1_700_000_000))
        }
        let list = try workspace.arco(["status"])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "a header and two runs: \(lines)")
        #expect(lines.contains { $0.contains(#"old\u{A}key\u{85}x"#) }, "\(lines)")
        let detail = try workspace.arco(["status", "01HZZZZZZZZZZZZZZZZZZZZZZZ"])
        #expect(detail.status == 0)
        let head = try #require(detail.stdout.split(separator: "\n").first)
        #expect(head.contains(#"run key old\u{A}key\u{85}x"#), "\(detail.stdout)")
    }
}
