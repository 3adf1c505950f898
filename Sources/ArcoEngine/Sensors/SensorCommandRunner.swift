import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a sensor command in its own session (so its process group is its own), stdout and stderr
/// into owner-only files below `.arco`, and waits for it within its timeout and output bound.
/// Whatever the end, the whole group is killed before the command is reaped, so nothing it
/// started outlives the evaluation and the group id cannot have been reused.
///
/// Synchronous on purpose: the evaluation is one synchronous engine call, and polling
/// `waitid` keeps the timeout, the output bound and the group kill in one loop.
enum SensorCommandRunner {
    static func run(_ invocation: SensorCommandInvocation) -> SensorCommandResult {
        let base = invocation.scratchFolder + "/" + "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do {
            try StateFiles.makeFolders(invocation.scratchFolder, below: invocation.stateFolder)
        } catch {
            return .couldNotStart("cannot create '\(invocation.scratchFolder)': \(error)")
        }
        guard let out = try? StateFiles.open(base + ".out", below: invocation.stateFolder, flags: O_RDWR | O_CREAT | O_EXCL),
            let err = try? StateFiles.open(base + ".err", below: invocation.stateFolder, flags: O_RDWR | O_CREAT | O_EXCL)
        else { return .couldNotStart("cannot create the output files below '\(invocation.scratchFolder)'") }
        defer {
            close(out)
            close(err)
            unlink(base + ".out")
            unlink(base + ".err")
        }
        let pid: pid_t
        switch spawn(invocation, out: out, err: err) {
        case .success(let spawned): pid = spawned
        case .failure(let why): return .couldNotStart(why.description)
        }
        let ending = wait(pid, timeout: invocation.timeout, out: out, err: err)
        let tail = stderrTail(err)
        switch ending {
        case .timedOut: return .timedOut(invocation.timeout, stderrTail: tail)
        case .tooLarge: return .outputTooLarge(stderrTail: tail)
        case .signaled(let signal): return .signaled(signal, stderrTail: tail)
        case .exited(let code):
            guard let output = readAll(out) else { return .outputTooLarge(stderrTail: tail) }
            return .exited(code: code, output: output, stderrTail: tail)
        }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    private static func spawn(_ invocation: SensorCommandInvocation, out: Int32, err: Int32) -> Result<pid_t, SpawnError> {
        let argv: [String]
        switch invocation.command {
        case .shell(let text): argv = ["/bin/sh", "-c", text]
        case .argv(let words):
            guard !words.isEmpty else { return .failure(SpawnError(description: "empty argv")) }
            argv = words
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ARCO_SENSOR_") }
        environment.merge(invocation.environment) { _, new in new }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, invocation.stdinPath ?? "/dev/null", O_RDONLY | O_NOFOLLOW, 0)
        posix_spawn_file_actions_adddup2(&actions, out, 1)
        posix_spawn_file_actions_adddup2(&actions, err, 2)
        for descriptor in Engine.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        guard WorkingDirectoryAction.add(&actions, invocation.workingDirectory) else {
            return .failure(SpawnError(description: "this C library cannot set a spawned command's folder"))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own session, hence its own process group: the timeout kills everything it started.
        posix_spawnattr_setflags(&attributes, Engine.spawnSetSID)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        // posix_spawnp: an argv program without a slash is looked up on PATH, as a shell would.
        let status = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard status == 0 else {
            return .failure(SpawnError(description: "'\(argv[0])': \(String(cString: strerror(status)))"))
        }
        return .success(pid)
    }

    private enum Ending {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case tooLarge
    }

    /// Waits without reaping until the command ends, the timeout passes or an output grows past
    /// its bound; then kills the group and reaps.
    private static func wait(_ pid: pid_t, timeout: Duration, out: Int32, err: Int32) -> Ending {
        let start = ContinuousClock.now
        let grace = Duration.milliseconds(Limits.sensorKillGraceMilliseconds)
        var verdict: Ending?
        var terminatedAt: ContinuousClock.Instant?
        var pause: UInt32 = 100
        while true {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid { break }
            if verdict == nil {
                if ContinuousClock.now - start > timeout {
                    verdict = .timedOut
                } else if size(out) > Int64(Limits.sensorOutputBytesMax) || size(err) > Int64(Limits.sensorStderrBytesMax) {
                    verdict = .tooLarge
                }
                if verdict != nil {
                    kill(-pid, SIGTERM)
                    terminatedAt = .now
                }
            } else if let terminatedAt, ContinuousClock.now - terminatedAt > grace {
                kill(-pid, SIGKILL)
            }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
        // The zombie still holds the pid, so the group id is still this command's.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if let verdict { return verdict }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    private static func size(_ descriptor: Int32) -> Int64 {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// The whole output, or nil past the bound (a command that wrote it all just before exiting).
    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        let total = size(descriptor)
        guard total <= Int64(Limits.sensorOutputBytesMax) else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(total))
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(total), 0) }
        return Array(bytes.prefix(max(0, read)))
    }

    /// The last `Limits.sensorStderrTailBytes` of stderr as text, trimmed.
    private static func stderrTail(_ descriptor: Int32) -> String {
        let total = size(descriptor)
        let length = Int(min(total, Int64(Limits.sensorStderrTailBytes)))
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(total - Int64(length))) }
        let text = String(decoding: bytes.prefix(max(0, read)), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
