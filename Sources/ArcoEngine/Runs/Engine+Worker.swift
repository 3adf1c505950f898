import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Engine {
    /// Starts `arco worker --run RUN` in the background for a detached run: its own session,
    /// stdin from /dev/null and output to `.arco/logs/workers/RUN.log`, so a caller capturing
    /// `arco run --detach` output is not held open by it.
    /// - Parameter logName: the worker log's name, the run's id by default; a backfill's workers
    ///   share one (appended), which saves a file per run.
    /// - Returns: the worker's pid (a backfill driver reaps its workers).
    @discardableResult
    public func spawnWorker(for runID: RunID, logName: String? = nil) throws -> pid_t {
        try spawnDetached(
            Self.spawnedWorkerArguments(runID: runID, workspace: workspace.root), logName: logName ?? runID.rawValue,
            what: "a worker for run '\(runID)'", hint: "the run stays queued; execute it with `arco worker --once`")
    }

    /// Starts `arco ARGUMENTS` in its own session, stdin from /dev/null and output appended to
    /// `.arco/logs/workers/{logName}.log`.
    @discardableResult
    public func spawnDetached(_ arguments: [String], logName: String, what: String, hint: String) throws -> pid_t {
        let folder = workspace.logsFolder + "/workers"
        try StepMaterializer.makeFolders(folder, below: workspace.stateFolder)
        let logPath = folder + "/" + LogPath.component(logName) + ".log"
        let executable = Self.currentExecutable()
        let arguments = [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // O_NOFOLLOW: a link planted as the worker log must not send its output elsewhere.
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Whatever else this process holds (a caller's pipe that was not close-on-exec, the
        // store's file) must not reach the worker, or `$(arco run --detach)` would wait for it.
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session: the worker outlives the caller's terminal and never gets its Ctrl-C.
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = spawnedEnvironment().map { $0.map { strdup($0) } + [nil] }
        defer { for pointer in envp ?? [] { free(pointer) } }
        let status = envp.map { posix_spawn(&pid, executable, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw OperatorError(.ioError, "cannot start \(what): \(String(cString: strerror(status)))", hint: hint)
        }
        return pid
    }

    /// The environment of a spawned `arco`, when it must differ from this process's: a store
    /// chosen with `--store` reaches the child as `ARCO_STORE`, in the environment rather than in
    /// its arguments, where `ps` would show a password to every user of the host.
    func spawnedEnvironment() -> [String]? {
        guard environment.storeSource == .flag else { return nil }
        let value = switch environment.store {
        case .sqlite: StoreSelection.sqliteWord
        case .postgres(let url): url
        }
        var entries = ProcessInfo.processInfo.environment.filter { $0.key != "ARCO_STORE" }.map { "\($0.key)=\($0.value)" }
        entries.append("ARCO_STORE=" + value)
        return entries
    }

    /// The arguments a spawned worker gets. `arco` recognises exactly this form before building
    /// its command-line parser, which is a third of a short process's start (a backfill starts one
    /// worker per run; docs/benchmarks.md).
    public static func spawnedWorkerArguments(runID: RunID, workspace: String) -> [String] {
        ["worker", "--once", "--run", runID.rawValue, "--workspace", workspace]
    }

    /// glibc's `POSIX_SPAWN_SETSID` (0x80, glibc ≥ 2.26), which Swift's Glibc module does not
    /// import because spawn.h defines it under `__USE_GNU`.
    static let spawnSetSID: Int16 = 0x80

    /// The file descriptors open in this process, from `/proc/self/fd`.
    static func openDescriptors() -> [Int32] {
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        // The listing's own descriptor is closed by now; keep only those still open.
        return listed.compactMap(Int32.init).filter { fcntl($0, F_GETFD) != -1 }
    }

    /// The running arco binary, so the worker is the same build.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
