import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Asset {
    /// `arco asset list`: the names a selection can use, where the hints for unknown assets point.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the declared assets with their group, partitions and dependencies.",
            discussion: """
                Assets are listed in file order. --json prints {"assets": [{"asset", "group", \
                "partitions_def", "deps", "code_version", "tags"}]}; partitions_def and code_version \
                are null when not declared.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let assets = try context.engine.loadDefinitions().assets
            if output.json {
                JSONOutput.print(["assets": .array(assets.map(Self.json))])
                return
            }
            let rows = assets.map { asset in
                [
                    asset.key.rawValue, asset.group, asset.partitions?.rawValue ?? "-",
                    asset.dependencies.isEmpty ? "-" : asset.dependencies.map(\.asset.rawValue).joined(separator: ", "),
                ]
            }
            for line in RunText.table(["ASSET", "GROUP", "PARTITIONS", "DEPS"], rows) { Console.out(line) }
        }

        static func json(_ asset: AssetDefinition) -> JSONValue {
            [
                "asset": .string(asset.key.rawValue), "group": .string(asset.group),
                "partitions_def": .optional(asset.partitions?.rawValue),
                "deps": .array(asset.dependencies.map { .string($0.asset.rawValue) }),
                "code_version": .optional(asset.codeVersion),
                "tags": .object(asset.tags.mapValues { .string($0) }),
            ]
        }
    }
}
