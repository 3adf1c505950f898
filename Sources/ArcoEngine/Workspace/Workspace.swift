import ArcoCore
import Foundation

/// A workspace: a folder with an `arco.yaml`, and its `.arco/` state folder.
public struct Workspace: Sendable, Hashable {
    /// The name of the definitions file.
    public static let fileName = "arco.yaml"
    /// The name of the state folder.
    public static let stateFolderName = ".arco"

    /// The workspace folder (absolute).
    public let root: String

    /// Creates a workspace rooted at an absolute folder.
    public init(root: String) {
        self.root = root
    }

    /// The definitions file.
    public var definitionsPath: String { root + "/" + Self.fileName }
    /// The state folder (0700).
    public var stateFolder: String { root + "/" + Self.stateFolderName }
    /// The database file (0600).
    public var databasePath: String { stateFolder + "/arco.db" }
    /// The folder of step logs.
    public var logsFolder: String { stateFolder + "/logs" }

    /// Finds the workspace: `--workspace` first, then `ARCO_WORKSPACE`, then the nearest folder
    /// upwards from `currentDirectory` that holds an `arco.yaml` (like git).
    public static func locate(explicit: String?, environment: [String: String], currentDirectory: String) throws
        -> Workspace
    {
        if let given = explicit ?? environment["ARCO_WORKSPACE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let root = absolute(given, from: currentDirectory)
            guard FileManager.default.fileExists(atPath: root + "/" + fileName) else {
                throw OperatorError(
                    .notFound, "no \(fileName) in workspace '\(given)'",
                    hint: "create one with `arco init \(given)`")
            }
            return Workspace(root: root)
        }
        var folder = absolute(currentDirectory, from: "/")
        while true {
            if FileManager.default.fileExists(atPath: folder + "/" + fileName) { return Workspace(root: folder) }
            guard folder != "/" else { break }
            folder = parent(of: folder)
        }
        throw OperatorError(
            .notFound, "not inside an arco workspace (no \(fileName) here or in any parent folder)",
            hint: "create one with `arco init`, or pass `--workspace DIR`")
    }

    /// Makes a path absolute and removes `.` and `..` segments.
    public static func absolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts = [Substring]()
        for part in joined.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(of folder: String) -> String {
        guard let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else { return "/" }
        return String(folder[..<slash])
    }

    /// Why `arco.yaml` cannot be the definitions file although something has its name (a
    /// folder, a socket), or nil when it is a file or absent. A link to a file is a file.
    public func definitionsFileProblem() -> OperatorError? {
        var status = stat()
        guard stat(definitionsPath, &status) == 0, status.st_mode & S_IFMT != S_IFREG else { return nil }
        let what = status.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
        return OperatorError(
            .dataError, "'\(definitionsPath)' is \(what), not the definitions file",
            hint: "move it away with `mv '\(definitionsPath)' '\(definitionsPath).old'`, then run `arco init '\(root)'`")
    }
}
