import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs helper programs (initdb, pg_ctl, psql) for test fixtures with posix_spawn, so the
/// fixture owns each child's pid and the child inherits none of the test process's pipes.
///
/// A child that kept the test runner's stdout open would make `swift test` wait for it; so the
/// children get stdin from /dev/null (or a given descriptor), their output appended to a log
/// file, and every other descriptor closed.
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var detail: String
        var description: String { "\(command) failed: \(detail)" }
    }

    /// Starts `arguments[0]` (an absolute path) and returns its pid.
    ///
    /// - Parameters:
    ///   - log: the file the child's stdout and stderr are appended to.
    ///   - standardInput: a descriptor to use as stdin instead of /dev/null.
    ///   - newSession: start the child in a session of its own, so a Ctrl-C sent to the test's
    ///     process group does not reach it.
    static func spawn(
        _ arguments: [String], log: String, standardInput: Int32? = nil, newSession: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardInput {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession { posix_spawnattr_setflags(&attributes, spawnSetSID) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw Failure(command: arguments[0], detail: String(cString: strerror(status)))
        }
        return pid
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module does not import (it is behind
    /// _GNU_SOURCE).
    private static let spawnSetSID: Int16 = 0x80

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run
    /// time for the same reason.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// Closes every descriptor above stderr in the child; without `addclosefrom`, each one open
    /// now (glibc ignores closing one that was closed meanwhile).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom {
            _ = addCloseFrom(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Runs the command to its end and throws, with the end of its output, unless it exits 0.
    static func run(_ arguments: [String], log: String) throws {
        let start = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        let pid = try spawn(arguments, log: log)
        let status = wait(pid)
        guard status != 0 else { return }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.utf8.dropFirst(start)) ?? "" } ?? ""
        throw Failure(
            command: arguments.joined(separator: " "),
            detail: "exit status \(status): \(output.suffix(2_000).trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// Waits for `pid` and returns its exit status (128 + signal when killed).
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
