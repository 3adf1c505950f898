#if canImport(Glibc)
    import Glibc
#endif

/// This process's pid and host, as recorded on runs it reserves or executes, and the liveness
/// check that decides whether a recorded process is gone.
public enum ProcessIdentity {
    /// The current process id.
    public static var pid: Int64 { Int64(getpid()) }

    /// The host name, as `hostname` prints it, unless `ARCO_HOST` names this host otherwise.
    ///
    /// The override is for hosts whose names collide (containers sharing a hostname against one
    /// PostgreSQL store) and for tests that play several hosts on one machine. A run recorded
    /// under this name is judged by its pid here, and by its heartbeat's age everywhere else.
    public static let host: String = {
        if let named = getenv("ARCO_HOST").map({ String(cString: $0) }), !named.isEmpty { return named }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Whether a process with this pid exists on this host. `kill(pid, 0)` sends nothing; EPERM
    /// means it exists but belongs to someone else.
    /// A zombie (exited, not yet reaped by its parent) counts as gone: a worker killed with
    /// -9 stays a zombie until init reaps it, but it will never finish the run.
    public static func isAlive(_ pid: Int64) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        guard kill(pid_t(pid), 0) == 0 || errno == EPERM else { return false }
        return !isZombie(pid)
    }

    /// Reads the state letter of `/proc/PID/stat` (after the parenthesised command name).
    static func isZombie(_ pid: Int64) -> Bool {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0, let paren = buffer[..<count].lastIndex(of: UInt8(ascii: ")")), paren + 2 < count else {
            return false
        }
        return buffer[paren + 2] == UInt8(ascii: "Z")
    }
}
