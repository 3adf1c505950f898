import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Asset {
    /// `arco asset graph [SELECTION]`.
    struct Graph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "graph",
            abstract: "Draw the asset graph: a tree on a terminal, or Graphviz DOT or Mermaid text.",
            discussion: """
                Each asset shows its health now: MATERIALIZED (every partition), PARTIAL, MISSING, \
                IN_PROGRESS or FAILED (some partition's last attempt failed). The tree starts at \
                the assets that read nothing shown; an asset read by several is drawn once and \
                marked (above) after. --format dot pipes into `dot -Tsvg > assets.svg`; --format \
                mermaid pastes into markdown. --json prints {"assets": [{"asset", "group", \
                "partitions_def", "deps", "health"}]}.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, dot, mermaid

            init?(argument: String) { self.init(rawValue: argument.lowercased()) }
        }

        @Argument(help: ArgumentHelp("Only these assets (`arco run`'s selection syntax; default: all).", valueName: "selection"), completion: CompletionCandidates.assets)
        var selection: String?

        @Option(help: ArgumentHelp("text, dot or mermaid.", valueName: "format"))
        var format: Format = .text

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let nodes = try context.engine.assetGraph(selection: selection)
            if output.json {
                JSONOutput.print(["assets": .array(nodes.map(Self.json))])
                return
            }
            switch format {
            case .text:
                let lines = AssetGraphText.tree(nodes, context.terminal)
                Console.out(lines.isEmpty ? "no assets" : lines.joined(separator: "\n"))
            case .dot: Console.out(AssetGraphText.dot(nodes))
            case .mermaid: Console.out(AssetGraphText.mermaid(nodes))
            }
        }

        static func json(_ node: AssetGraphNode) -> JSONValue {
            [
                "asset": .string(node.asset), "group": .string(node.group),
                "partitions_def": .optional(node.partitionsDefinition),
                "deps": .array(node.dependencies.map(JSONValue.string)), "health": .string(node.health.rawValue),
            ]
        }
    }
}
