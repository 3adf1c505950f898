import ArcoCore
import ArgumentParser

extension ArcoCommand {
    /// `arco validate`.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check arco.yaml and report every problem at once.",
            discussion: """
                Exits 65 when the definitions are invalid, listing each problem as file:line:column. \
                Besides the file's syntax this checks that each time-window definition has windows \
                its fmt tells apart, and that no partitions definition has more than \(Limits.partitionsPerDefinitionMax) \
                partitions now (the limit every command also applies, at its --now).
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let summary = try context.engine.validateDefinitions().summary
            if output.json {
                JSONOutput.print([
                    "valid": true,
                    "summary": [
                        "assets": .int(Int64(summary.assets)), "partitions": .int(Int64(summary.partitionsDefinitions)),
                        "schedules": .int(Int64(summary.schedules)), "sensors": .int(Int64(summary.sensors)),
                    ],
                ])
                return
            }
            Console.out("\(context.terminal.green("ok")): \(summary)")
        }
    }
}
