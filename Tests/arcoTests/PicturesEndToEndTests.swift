import ArcoCore
import Foundation
import Testing

/// Pictures where people would rather look than read (issue 17, item 8): the partition health
/// bar, the asset graph in three formats, and a run's timeline.
@Suite struct PicturesEndToEndTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-11 }
        assets:
          raw: { command: 'test "$ARCO_PARTITION_KEY" != 2024-01-05', partitions: daily, group: ingest }
          team/clean: { command: 'true', partitions: daily, deps: [raw] }
          report: { command: 'sleep 0.2', deps: [team/clean, raw] }
          other: { command: 'exit 4' }
        """

    @Test("asset show --bar draws one cell per partition with the failed one as x; without a TTY there is no bar")
    func healthBar() throws {
        let workspace = try RunWorkspace(Self.yaml)
        _ = try workspace.arco(["backfill", "create", "--select", "raw", "--all"])
        let shown = try workspace.arco(["asset", "show", "raw", "--bar"])
        #expect(shown.stdout.contains("  [####x#####]\n  # materialized  x failed  > in progress  . missing\n"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("\u{1B}["), "colour without a terminal")
        #expect(!(try workspace.arco(["asset", "show", "raw"]).stdout.contains("[####")))
        let backfill = try workspace.arco(["backfill", "status", "--bar"])
        #expect(backfill.stdout.contains("             [####x#####]\n"), "\(backfill.stdout)")
    }

    @Test("asset graph draws the tree from the roots, each asset with its health, an asset read twice marked (above)")
    func tree() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-01"]).status == 0)
        let text = try workspace.arco(["asset", "graph"]).stdout
        #expect(text == """
            raw  partial  [daily]
            ├── team/clean  missing  [daily]
            │   └── report  missing
            └── report  missing  (above)
            other  missing

            """, "\(text)")
        let (_, json) = try workspace.json(["asset", "graph", "team/clean+"])
        let assets = json["assets"]?.arrayValue ?? []
        #expect(assets.map { $0["asset"]?.stringValue } == ["team/clean", "report"])
        #expect(assets.last?["deps"]?.arrayValue?.map(\.stringValue) == ["team/clean"], "edges only between shown assets")
        let (_, rawOnly) = try workspace.json(["asset", "graph", "raw"])
        #expect(rawOnly["assets"]?.arrayValue?.first?["health"]?.stringValue == "PARTIAL")
        #expect(try workspace.arco(["asset", "graph", "nope"]).status == 65)
    }

    @Test("--format dot is a digraph a DOT reader accepts: every asset a node, every dependency an edge")
    func dot() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let dot = try workspace.arco(["asset", "graph", "--format", "DOT"])
        #expect(dot.status == 0)
        let graph = try DOTReader.read(dot.stdout)
        #expect(graph.nodes == ["raw", "team/clean", "report", "other"])
        #expect(graph.edges.sorted { "\($0)" < "\($1)" } == [["raw", "report"], ["raw", "team/clean"], ["team/clean", "report"]])
        let mermaid = try workspace.arco(["asset", "graph", "--format", "mermaid"]).stdout
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.contains(#"n1["team/clean"]:::missing"#))
        #expect(mermaid.contains("  n0 --> n1\n") && mermaid.contains("  n1 --> n2\n") && mermaid.contains("  n0 --> n2\n"))
    }

    @Test("status --timeline draws each step's bar in order, marks the failure and what never ran")
    func timeline() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              a: { command: 'sleep 0.2' }
              b: { command: 'sleep 0.2; exit 2', deps: [a] }
              c: { command: 'true', deps: [b] }
            """)
        _ = try workspace.arco(["run", "*"])
        let runID = try workspace.latestRunID()
        let lines = try workspace.arco(["status", runID, "--timeline"], environment: ["COLUMNS": "80"]).stdout
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0].hasPrefix("STEP  0"))
        let aBar = try #require(lines[1].firstIndex(of: "#"))
        let bBar = try #require(lines[2].firstIndex(of: "x"))
        #expect(lines[1].distance(from: lines[1].startIndex, to: aBar) < lines[2].distance(from: lines[2].startIndex, to: bBar),
            "b starts after a")
        #expect(lines[2].hasSuffix("FAILURE"))
        #expect(lines[3].hasPrefix("c ") && lines[3].hasSuffix("skipped"))
        let alone = try workspace.arco(["status", "--timeline"])
        #expect(alone.status == 64)
        #expect(alone.stderr.hasPrefix("error: --timeline needs a run"))
    }
}

/// Reads the DOT statements `arco asset graph --format dot` may write, refusing anything else:
/// a check that the output is well-formed, quoted and balanced, without Graphviz installed.
enum DOTReader {
    struct Graph {
        var nodes: [String] = []
        var edges: [[String]] = []
    }

    static func read(_ text: String) throws -> Graph {
        var lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "digraph assets {", lines.last == "}" else { throw RunTestError("not a digraph: \(text)") }
        lines = Array(lines.dropFirst().dropLast())
        var graph = Graph()
        for line in lines {
            var rest = Substring(line)
            if rest.hasPrefix("rankdir=") || rest.hasPrefix("node [") { continue }
            let first = try quoted(&rest)
            if rest.hasPrefix(" -> ") {
                rest = rest.dropFirst(4)
                let second = try quoted(&rest)
                guard rest == ";" else { throw RunTestError("edge not ended by ';': \(line)") }
                graph.edges.append([first, second])
            } else {
                guard rest.hasPrefix(" ["), rest.hasSuffix("];") else { throw RunTestError("not a node: \(line)") }
                graph.nodes.append(first)
            }
        }
        return graph
    }

    /// A DOT string at the start of `text`, unescaped; `text` is left after it.
    private static func quoted(_ text: inout Substring) throws -> String {
        guard text.first == "\"" else { throw RunTestError("expected a quoted id in \(text)") }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { break }
                result.append(text[index])
            } else if character == "\"" {
                text = text[text.index(after: index)...]
                return result
            } else {
                result.append(character)
            }
            index = text.index(after: index)
        }
        throw RunTestError("unterminated string")
    }
}
