import ArcoCore
import ArcoEngine
import Foundation

/// What a command needs, built once: the engine for the workspace, the terminal and the output
/// format. Commands parse, get a context, make one engine call and render.
struct CommandContext {
    let engine: Engine
    let terminal: Terminal
    let json: Bool

    init(_ global: GlobalOptions, json: Bool = false) throws {
        try self.init(workspace: global.workspace, json: json)
    }

    init(workspace explicit: String?, json: Bool = false) throws {
        let environment = ProcessInfo.processInfo.environment
        let workspace = try Workspace.locate(
            explicit: explicit, environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
        self.engine = Engine(workspace: workspace, environment: EngineEnvironment.live(environment: environment))
        self.terminal = Terminal.current(environment: environment)
        self.json = json
    }
}
