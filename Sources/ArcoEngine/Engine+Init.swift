import ArcoCore
import Foundation

/// What `arco init` did.
public struct InitReport: Sendable {
    /// The workspace folder.
    public var root: String
    /// Whether a new `arco.yaml` was written (an existing one is never overwritten).
    public var wroteDefinitions: Bool
    /// The database file.
    public var databasePath: String
}

extension Engine {
    /// Creates a workspace in `folder`: a commented example `arco.yaml` (unless one exists),
    /// `.arco/` (0700) and the store (0600).
    public static func initialize(folder: String, environment: EngineEnvironment) throws -> InitReport {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OperatorError(
                .unavailable, "cannot create folder '\(folder)': \(Self.creationProblem(folder))",
                hint: "check the parent folder's permissions with `ls -ld \(folder)/..`")
        }
        let workspace = Workspace(root: folder)
        var wrote = false
        if let problem = workspace.definitionsFileProblem() { throw problem }
        if !FileManager.default.fileExists(atPath: workspace.definitionsPath) {
            let created = FileManager.default.createFile(
                atPath: workspace.definitionsPath, contents: Data(WorkspaceTemplate.text.utf8))
            guard created else {
                throw OperatorError(
                    .unavailable, "cannot write '\(workspace.definitionsPath)'",
                    hint: "check the folder's permissions with `ls -ld \(folder)`")
            }
            wrote = true
        }
        let engine = Engine(workspace: workspace, environment: environment)
        _ = try engine.store()
        return InitReport(root: folder, wroteDefinitions: wrote, databasePath: workspace.databasePath)
    }
}

extension Engine {
    /// Why a folder cannot be created, in words: Foundation's error text here is a bare code.
    static func creationProblem(_ folder: String) -> String {
        var path = ""
        for part in folder.split(separator: "/") {
            path += "/" + part
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                if !isFolder.boolValue { return "'\(path)' is a file, not a folder" }
            } else {
                let parent = (path as NSString).deletingLastPathComponent
                return FileManager.default.isWritableFile(atPath: parent)
                    ? "it could not be created" : "'\(parent)' is not writable"
            }
        }
        return "it could not be created"
    }
}

/// The commented example `arco.yaml` that `arco init` writes.
enum WorkspaceTemplate {
    static let text = """
        # arco workspace definitions. Every key is described in docs/workspace.md.
        # Check this file with `arco validate`.
        version: 1

        # Partitions slice an asset's data. Keys reach steps only through environment variables
        # (ARCO_PARTITION_KEY, ARCO_PARTITION_START, ARCO_PARTITION_END), never through the command.
        partitions:
          daily:
            type: daily
            start: 2024-01-01
            timezone: UTC

        # Each asset is a command that materializes it. `command` runs under /bin/sh -c in the
        # workspace folder; use `argv: [program, arg, ...]` to run without a shell.
        assets:
          raw_orders:
            command: mkdir -p data && echo "order for $ARCO_PARTITION_KEY" > "data/raw_orders-$ARCO_PARTITION_KEY.txt"
            partitions: daily
            code_version: "1"
            retries: { max: 2, delay: 10s, backoff: exponential }
            timeout: 10m
            group: ingest

          daily_report:
            argv: [sh, -c, 'wc -l data/raw_orders-*.txt']
            deps: [raw_orders]
            partitions: daily
            code_version: "1"
            group: reporting

        # Schedules request runs on a cron; they start stopped until you turn them on.
        schedules:
          nightly:
            cron: "0 2 * * *"
            timezone: UTC
            target: raw_orders+
            partition: latest
            status: stopped

        """
}
