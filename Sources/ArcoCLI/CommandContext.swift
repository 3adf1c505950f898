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
        try self.init(workspace: global.workspace, store: global.store, json: json)
    }

    init(workspace explicit: String?, store: String? = nil, json: Bool = false) throws {
        let environment = ProcessInfo.processInfo.environment
        let workspace = try Workspace.locate(
            explicit: explicit, environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
        var live = EngineEnvironment.live(environment: environment)
        (live.store, live.storeSource) = try StoreSelection.resolve(
            flag: store, environment: environment, workspaceFile: try? String(contentsOfFile: workspace.definitionsPath, encoding: .utf8))
        self.engine = Engine(workspace: workspace, environment: live)
        self.terminal = Terminal.current(environment: environment)
        self.json = json
    }
}
