import Foundation

/// `arco` started without waiting, its standard error kept in a file off the disk under test
/// (a test that fills that disk must still read what arco said).
final class BackgroundArco {
    let process = Process()
    private let errorFile: TemporaryFolder

    init(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws {
        errorFile = try TemporaryFolder()
        let path = errorFile.path + "/stderr"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        process.executableURL = URL(fileURLWithPath: ArcoBinary.arco)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ArcoBinary.environment(environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// What arco wrote on standard error so far.
    func stderr() -> String {
        (try? String(contentsOfFile: errorFile.path + "/stderr", encoding: .utf8)) ?? ""
    }

    /// Polls standard error for `text`; false when the process ended or time ran out first.
    func waitForStderr(containing text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if stderr().contains(text) { return true }
            if !process.isRunning { return stderr().contains(text) }
            usleep(50_000)
        }
        return false
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the exit status; kills the process and returns nil when it outlives `seconds`.
    func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
