import Foundation

/// `arco` processes with an environment of their own, for the PostgreSQL benchmarks.
enum Subcommand {
    static func start(_ arco: String, _ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arco)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `arco` to its end and returns its standard output; fails on a non-zero exit.
    @discardableResult
    static func run(_ arco: String, _ arguments: [String], environment: [String: String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arco)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        if let input {
            process.standardInput = FileHandle(forReadingAtPath: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StressError(description: "`arco \(arguments.joined(separator: " "))` exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
