import ArcoCore
import Foundation
import Testing

/// Shell completion of names from the workspace (issue 17, item 10): the generated bash, zsh and
/// fish scripts call `arco ---completion COMMAND -- ARG INDEX CURSOR WORDS…`, which these tests
/// call the same way.
@Suite struct CompletionEndToEndTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-02-01 }
          customers: { type: dynamic }
        assets:
          raw_orders: { command: 'true', partitions: daily }
          raw_users: { command: 'true' }
          clean: { command: 'true', deps: [raw_orders] }
        """

    /// The candidates for the last word of `words` (an `arco …` command line) as `argument`.
    static func complete(_ command: [String], _ argument: String, _ words: [String], in folder: String) throws -> [String] {
        let index = words.count - 1
        let result = try ArcoBinary.run(
            ["---completion"] + command + ["--", argument, String(index), String(words[index].count)] + words, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("asset names, partitions definitions and the partition keys of the asset on the line")
    func names() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try Self.complete(["run"], "positional@0", ["arco", "run", "raw_"], in: workspace.path) == ["raw_orders", "raw_users"])
        #expect(try Self.complete(["asset", "show"], "positional@0", ["arco", "asset", "show", "cl"], in: workspace.path) == ["clean"])
        #expect(try Self.complete(["partitions", "list"], "positional@0", ["arco", "partitions", "list", ""], in: workspace.path)
            == ["daily", "customers"])
        let keys = try Self.complete(
            ["run"], "--partition", ["arco", "run", "raw_orders", "--partition", "2024-01-3"], in: workspace.path)
        #expect(keys == ["2024-01-30", "2024-01-31"])
        #expect(!workspace.exists(".arco"), "completing names created the store")
    }

    @Test("run and backfill ids, newest first; outside a workspace nothing, and no error in the prompt")
    func ids() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try Self.complete(["status"], "positional@0", ["arco", "status", ""], in: workspace.path).isEmpty)
        #expect(!workspace.exists(".arco"))
        var runs: [String] = []
        for _ in 0..<2 { runs.append(try #require(try workspace.json(["run", "raw_users"]).value["run_id"]?.stringValue)) }
        #expect(try Self.complete(["logs"], "positional@0", ["arco", "logs", "run_"], in: workspace.path) == runs.reversed())
        let backfill = try #require(
            try workspace.json(["backfill", "create", "--select", "raw_orders", "--all", "--detach"]).value["backfill_id"]?.stringValue)
        #expect(try Self.complete(["backfill", "status"], "positional@0", ["arco", "backfill", "status", "bf"], in: workspace.path)
            == [backfill])

        let elsewhere = try TemporaryFolder()
        let outside = try ArcoBinary.run(
            ["---completion", "run", "--", "positional@0", "2", "0", "arco", "run", ""], in: elsewhere.path)
        #expect(outside.status == 0)
        #expect(outside.stdout.isEmpty && outside.stderr.isEmpty)
    }

    @Test("the generated scripts ask the binary for these names")
    func scripts() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for script in ["completions/arco.bash", "completions/arco.fish", "completions/_arco"] {
            let text = try String(contentsOf: root.appendingPathComponent(script), encoding: .utf8)
            #expect(text.contains("---completion run -- positional@0"), "\(script)")
            #expect(text.contains("---completion backfill status -- positional@0"), "\(script)")
        }
    }
}
