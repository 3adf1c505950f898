import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Stopping the throwaway server however the test process ends.
///
/// A watchdog shell, in a session of its own, blocks reading a pipe whose only write end this
/// process holds (close-on-exec, so no other child inherits it). When the process exits, by
/// `exit`, a crash or SIGKILL, the kernel closes that end; the watchdog reads end-of-file, stops
/// the server with `pg_ctl stop -m immediate` and deletes the folder. At a normal exit an
/// `atexit` handler closes the pipe itself and waits for the watchdog, so the server is gone
/// before `swift test` returns.
extension PostgresTestCluster {
    private static let watchdog = Mutex<(pid: pid_t, pipe: Int32)?>(nil)

    static func stopAtExit(data: String, folder: String, binDirectory: String, owner: (name: String, uid: uid_t, gid: gid_t)?) throws {
        var descriptors: [Int32] = [0, 0]
        // pipe2(O_CLOEXEC) is not in Swift's Glibc module; the write end is marked right after.
        guard pipe(&descriptors) == 0, fcntl(descriptors[1], F_SETFD, FD_CLOEXEC) == 0 else {
            throw PostgresTestClusterError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        let script = #"trap '' INT HUP TERM; read _ignored; "$@"; rm -rf -- "$ARCO_PG_FOLDER""#
        let stop = asUser(owner) + [binDirectory + "/pg_ctl", "-D", data, "-m", "immediate", "stop"]
        var environment = ProcessInfo.processInfo.environment
        environment["ARCO_PG_FOLDER"] = folder
        let pid = try ChildProcess.spawn(
            ["/bin/sh", "-c", script, "arco-pg-watchdog"] + stop, log: "/dev/null", standardInput: descriptors[0],
            newSession: true, environment: environment)
        close(descriptors[0])
        watchdog.withLock { $0 = (pid, descriptors[1]) }
        atexit { PostgresTestCluster.stopNow() }
    }

    /// Closes the watchdog's pipe and waits (up to 10 s) until it has stopped the server.
    static func stopNow() {
        let taken = watchdog.withLock { state -> (pid: pid_t, pipe: Int32)? in
            defer { state = nil }
            return state
        }
        guard let taken else { return }
        let pid = taken.pid
        close(taken.pipe)
        for _ in 0..<1_000 {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno == ECHILD) { return }
            usleep(10_000)
        }
    }
}
