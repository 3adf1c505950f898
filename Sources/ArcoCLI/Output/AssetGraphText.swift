import ArcoCore
import ArcoEngine

/// The asset graph as a tree for people, or as Graphviz DOT or Mermaid text for documents and
/// pipelines, each asset styled by its health.
enum AssetGraphText {
    /// An indented tree from the roots down, in file order. An asset read by several is drawn
    /// in full the first time and marked `(above)` after, so a wide DAG stays finite.
    static func tree(_ nodes: [AssetGraphNode], _ terminal: Terminal) -> [String] {
        let byName = Dictionary(nodes.map { ($0.asset, $0) }, uniquingKeysWith: { first, _ in first })
        var children = [String: [String]]()
        for node in nodes { for upstream in node.dependencies { children[upstream, default: []].append(node.asset) } }
        var lines = [String]()
        var drawn = Set<String>()
        func draw(_ name: String, prefix: String, connector: String, childPrefix: String) {
            guard let node = byName[name] else { return }
            let seen = !drawn.insert(name).inserted
            lines.append(prefix + connector + label(node, terminal) + (seen ? terminal.dim("  (above)") : ""))
            guard !seen else { return }
            let below = children[name] ?? []
            for (index, child) in below.enumerated() {
                let last = index == below.count - 1
                draw(child, prefix: prefix + childPrefix, connector: last ? "└── " : "├── ", childPrefix: last ? "    " : "│   ")
            }
        }
        for node in nodes where node.dependencies.isEmpty { draw(node.asset, prefix: "", connector: "", childPrefix: "") }
        return lines
    }

    /// Graphviz DOT: `dot -Tsvg` draws it.
    static func dot(_ nodes: [AssetGraphNode]) -> String {
        var lines = [
            "digraph assets {", "  rankdir=LR;",
            #"  node [shape=box, style="rounded,filled", fontname="Helvetica"];"#,
        ]
        for node in nodes {
            lines.append("  \(quoted(node.asset)) [fillcolor=\(quoted(colour(node.health))), "
                + "tooltip=\(quoted(tooltip(node)))];")
        }
        for node in nodes {
            for upstream in node.dependencies { lines.append("  \(quoted(upstream)) -> \(quoted(node.asset));") }
        }
        return (lines + ["}"]).joined(separator: "\n")
    }

    /// A Mermaid flowchart: renders in GitHub and GitLab markdown.
    static func mermaid(_ nodes: [AssetGraphNode]) -> String {
        // Mermaid ids are bare words: number the assets, and put names in labels.
        let ids = Dictionary(nodes.enumerated().map { ($1.asset, "n\($0)") }, uniquingKeysWith: { first, _ in first })
        var lines = ["flowchart LR"]
        for node in nodes {
            let label = node.asset.replacingOccurrences(of: "\"", with: "#quot;")
            lines.append("  \(ids[node.asset]!)[\"\(label)\"]:::\(node.health.rawValue.lowercased())")
        }
        for node in nodes {
            for upstream in node.dependencies {
                if let from = ids[upstream], let to = ids[node.asset] { lines.append("  \(from) --> \(to)") }
            }
        }
        for health in AssetHealth.allCases { lines.append("  classDef \(health.rawValue.lowercased()) fill:\(colour(health))") }
        return lines.joined(separator: "\n")
    }

    private static func label(_ node: AssetGraphNode, _ terminal: Terminal) -> String {
        let state = node.health.rawValue.lowercased().replacingOccurrences(of: "_", with: " ")
        let styled: String
        switch node.health {
        case .materialized: styled = terminal.green(state)
        case .failed: styled = terminal.red(state)
        case .inProgress, .partial: styled = terminal.yellow(state)
        case .missing: styled = terminal.dim(state)
        }
        return terminal.bold(node.asset) + "  " + styled + (node.partitionsDefinition.map { terminal.dim("  [\($0)]") } ?? "")
    }

    private static func tooltip(_ node: AssetGraphNode) -> String {
        "\(node.health.rawValue); group \(node.group)" + (node.partitionsDefinition.map { "; partitions \($0)" } ?? "")
    }

    private static func colour(_ health: AssetHealth) -> String {
        switch health {
        case .materialized: "#c8e6c9"
        case .partial: "#fff3c4"
        case .inProgress: "#bbdefb"
        case .failed: "#ffcdd2"
        case .missing: "#eeeeee"
        }
    }

    /// A DOT string literal: quotes and backslashes escaped, newlines kept out.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
