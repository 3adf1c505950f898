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
            discussion: "An existing arco.yaml is kept. The store folder is created with mode 0700 and the database with mode 0600; with a PostgreSQL store (--store, ARCO_STORE or store: in arco.yaml) its schema is created there instead, and no .arco/arco.db is written."
        )

        @Argument(help: "The workspace folder (default: the current folder).", completion: .directory)
        var directory: String?

        @Option(name: .long, help: GlobalOptions.storeHelp)
        var store: String?

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let current = FileManager.default.currentDirectoryPath
            let folder = Workspace.absolute(directory ?? ".", from: current)
            let variables = ProcessInfo.processInfo.environment
            var environment = EngineEnvironment.live(environment: variables)
            // The store is chosen as every other command chooses it, so that initializing a
            // workspace meant for PostgreSQL does not leave an unused .arco/arco.db behind.
            (environment.store, environment.storeSource) = try StoreSelection.resolve(
                flag: store, environment: variables,
                workspaceFile: try? String(contentsOfFile: Workspace(root: folder).definitionsPath, encoding: .utf8))
            let report = try Engine.initialize(folder: folder, environment: environment)
            if output.json {
                JSONOutput.print(["workspace": .string(report.root), "wrote_definitions": .bool(report.wroteDefinitions)])
                return
            }
            let location = environment.store == .sqlite ? "in \(report.root)/.arco" : "'\(environment.store.displayName)'"
            Console.out(
                report.wroteDefinitions
                    ? "created \(report.root)/arco.yaml and the store \(location)"
                    : "kept the existing \(report.root)/arco.yaml; the store is \(location)")
            Console.out("next: check the definitions with `arco validate`")
        }
    }
}
