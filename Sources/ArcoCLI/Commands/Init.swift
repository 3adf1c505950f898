import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand {
    /// `arco init [DIR]`.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a workspace: a commented arco.yaml and the .arco/ store.",
            discussion: "An existing arco.yaml is kept. The store folder is created with mode 0700 and the database with mode 0600."
        )

        @Argument(help: "The workspace folder (default: the current folder).", completion: .directory)
        var directory: String?

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let current = FileManager.default.currentDirectoryPath
            let folder = Workspace.absolute(directory ?? ".", from: current)
            let environment = EngineEnvironment.live(environment: ProcessInfo.processInfo.environment)
            let report = try Engine.initialize(folder: folder, environment: environment)
            if output.json {
                JSONOutput.print(["workspace": .string(report.root), "wrote_definitions": .bool(report.wroteDefinitions)])
                return
            }
            Console.out(
                report.wroteDefinitions
                    ? "created \(report.root)/arco.yaml and the store in \(report.root)/.arco"
                    : "kept the existing \(report.root)/arco.yaml; the store is in \(report.root)/.arco")
            Console.out("next: check the definitions with `arco validate`")
        }
    }
}
