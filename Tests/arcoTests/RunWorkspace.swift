import ArcoCore
import Foundation

/// A temporary workspace whose steps leave evidence: each appends its step key to `markers`,
/// so tests prove what executed from the files, not from arco's own account.
final class RunWorkspace {
    let folder: TemporaryFolder
    var path: String { folder.path }

    init(_ yaml: String) throws {
        folder = try TemporaryFolder()
        try folder.write("arco.yaml", yaml)
    }

    /// The shell fragment that records a step: `echo "$ARCO_STEP_KEY" >> markers`.
    static let mark = #"echo "$ARCO_STEP_KEY" >> "$ARCO_WORKSPACE/markers""#

    /// The step keys recorded so far, in order.
    func markers() -> [String] {
        guard let text = try? String(contentsOfFile: path + "/markers", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    func clearMarkers() { try? FileManager.default.removeItem(atPath: path + "/markers") }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }

    /// Waits until a step has written its pid to `name`: the shell creates the file before it
    /// writes the number, so existence alone races with the write.
    func waitForPID(_ name: String, seconds: Double = 10) {
        let deadline = Date().addingTimeInterval(seconds)
        while (try? pidFile(path + "/" + name)) == nil && Date() < deadline { usleep(20_000) }
    }

    func touch(_ name: String) throws { try folder.write(name, "") }

    @discardableResult
    func arco(_ arguments: [String], environment: [String: String] = [:]) throws -> ArcoBinary.Result {
        try ArcoBinary.run(arguments, in: path, environment: environment)
    }

    /// `arco … --json`, parsed; records an issue naming the command when it is not JSON.
    func json(_ arguments: [String]) throws -> (status: Int32, value: JSONValue) {
        let result = try arco(arguments + ["--json"])
        guard let value = try? JSONParser.parse(result.stdout) else {
            throw RunTestError("`arco \(arguments.joined(separator: " "))` printed no JSON: \(result.stdout)\(result.stderr)")
        }
        return (result.status, value)
    }

    /// Starts `arco` without waiting (for signals and races).
    func start(_ arguments: [String], environment: [String: String] = [:], stdoutFile: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ArcoBinary.arco)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        process.environment = ArcoBinary.environment(environment)
        if let stdoutFile {
            let file = path + "/" + stdoutFile
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts `/bin/sh -c script` in the workspace without waiting, with `$ARCO` naming the
    /// binary under test: readers and writers that race the command a test runs.
    func startShell(_ script: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        process.environment = ArcoBinary.environment(["ARCO": ArcoBinary.arco])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `arco status RUN --json` until `done` holds or `seconds` pass.
    func waitForRun(_ runID: String, seconds: Double = 20, until done: (JSONValue) -> Bool) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let (_, run) = try json(["status", runID])
            if done(run) || Date() > deadline { return run }
            usleep(50_000)
        }
    }

    /// The most recent run's id.
    func latestRunID() throws -> String {
        let (_, list) = try json(["status", "--limit", "1"])
        guard let id = list["runs"]?.arrayValue?.first?["run_id"]?.stringValue else { throw RunTestError("no runs") }
        return id
    }
}

/// Whether a process still runs: it exists and is not a zombie waiting for init to reap it
/// (a killed grandchild stays a zombie until then, and `kill(pid, 0)` still finds it).
func isRunning(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let paren = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(paren, offsetBy: 2)] != "Z"
}

/// The pid a step wrote to a file in the workspace.
func pidFile(_ path: String) throws -> Int32 {
    let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let pid = Int32(text) else { throw RunTestError("no pid in \(path): \(text)") }
    return pid
}

struct RunTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    /// The `status` of each step, by step key.
    var stepStatuses: [String: String] {
        var statuses = [String: String]()
        for step in self["steps"]?.arrayValue ?? [] {
            if let key = step["step_key"]?.stringValue { statuses[key] = step["status"]?.stringValue }
        }
        return statuses
    }
}
