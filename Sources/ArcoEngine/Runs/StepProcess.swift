import ArcoCore
import Foundation
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// One attempt of a step as a process: what to run, where, with which environment.
struct StepInvocation: Sendable {
    var command: ProcessCommand
    var environment: [String: String]
    var workingDirectory: String
    var logPath: String
    /// Where the step's process group id is written, so a lost run's orphaned steps can be found.
    var pidPath: String
    var timeout: Duration?
    /// How long a step has between SIGTERM and SIGKILL.
    var grace: Duration
    /// Why the step cannot start (a missing env_file, an asset gone from arco.yaml): the attempt
    /// then fails with this reason instead of stopping the whole run.
    var startError: String? = nil
    /// The `.arco` folder the log and pid paths lie below; nothing under it is opened through a
    /// symbolic link.
    var stateFolder: String = ""
    /// The most output the attempt's log keeps (`log_max`).
    var logMaxBytes: Int64 = Limits.stepLogBytesDefault
    /// Where the log is copied as it is written when hosts share the store; nil with SQLite.
    var logCopy: StepLogDestination? = nil
}

/// How an attempt's process ended.
enum StepProcessOutcome: Sendable, Hashable {
    case exited(Int32)
    case signaled(Int32)
    case timedOut(Duration)
    case canceled(String)
    case couldNotStart(String)
}

/// Spawns a step as a direct child in a new session (its own process group), output and error
/// copied into its log file within the attempt's bound, and waits for it; kills the whole group
/// on timeout or cancel.
enum StepProcess {
    static func run(_ invocation: StepInvocation, control: RunControl) async -> StepProcessOutcome {
        if let startError = invocation.startError { return .couldNotStart(startError) }
        if let shortage = ProcessLimits.descriptorShortage(needed: Limits.descriptorsPerStep) {
            // Spawning without room for the pidfd left children that swift-subprocess never
            // reaped, and a run that then ignored SIGINT and SIGTERM: fail the attempt instead.
            return .couldNotStart(shortage)
        }
        let log: Int32
        do {
            log = try StateFiles.createOrAppend(invocation.logPath, below: invocation.stateFolder)
        } catch {
            return .couldNotStart("cannot open the log: \(error)")
        }
        defer { close(log) }
        let shipper = invocation.logCopy.map {
            StepLogShipper(
                destination: $0,
                bound: LogChunkBound(path: invocation.logPath, host: ProcessIdentity.host))
        }
        guard let copier = StepOutputCopier(log: log, maxBytes: invocation.logMaxBytes, shipper: shipper) else {
            return .couldNotStart("cannot create a pipe for the output: \(String(cString: strerror(errno)))")
        }
        shipper?.start()
        copier.start()
        let outcome = await spawn(invocation, output: copier, control: control)
        await copier.finish()
        // Before the attempt's end is recorded: a reader that sees the run ended has every row.
        await shipper?.finish()
        return outcome
    }

    private static func spawn(_ invocation: StepInvocation, output copier: StepOutputCopier, control: RunControl) async
        -> StepProcessOutcome
    {
        var options = PlatformOptions()
        options.createSession = true
        let executable: Executable
        let arguments: Arguments
        switch invocation.command {
        case .shell(let text):
            executable = .path("/bin/sh")
            arguments = ["-c", text]
        case .argv(let argv):
            guard let first = argv.first else { return .couldNotStart("empty argv") }
            executable = first.contains("/") ? .path(FilePath(first)) : .name(first)
            arguments = Arguments(Array(argv.dropFirst()))
        }
        var environment = [Environment.Key: String]()
        for (key, value) in invocation.environment { environment[Environment.Key(stringLiteral: key)] = value }
        let configuration = Configuration(
            executable: executable, arguments: arguments, environment: .custom(environment),
            workingDirectory: FilePath(invocation.workingDirectory), platformOptions: options)
        let timedOut = TimeoutFlag()
        do {
            let result = try await Subprocess.run(
                configuration, input: .none,
                output: .fileDescriptor(FileDescriptor(rawValue: copier.writeEnd), closeAfterSpawningProcess: false),
                // Not `.combinedWithOutput`: swift-subprocess 1.0.2 duplicates the output's
                // descriptor for it and never closes the duplicate, one descriptor leaked per
                // attempt (a long run or worker then failed every step at the open-file limit).
                error: FileDescriptorOutput.fileDescriptor(
                    FileDescriptor(rawValue: copier.errorWriteEnd), closeAfterSpawningProcess: false)
            ) { execution -> Task<Void, Never>? in
                // The step holds its own copy now; the pipe must end when the step's group does.
                copier.closeWriteEnd()
                let group = execution.processIdentifier.value
                control.register(group)
                StateFiles.create(invocation.pidPath, below: invocation.stateFolder, with: String(group))
                guard let timeout = invocation.timeout else { return nil }
                return Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    timedOut.set()
                    kill(-group, SIGTERM)
                    guard (try? await Task.sleep(for: invocation.grace)) != nil else { return }
                    kill(-group, SIGKILL)
                }
            }
            let group = result.processIdentifier.value
            result.closureResult?.cancel()
            control.unregister(group)
            if timedOut.isSet || control.cancelReason != nil {
                // The direct child is gone; whatever it left behind in its group goes too.
                kill(-group, SIGKILL)
            }
            if timedOut.isSet, let timeout = invocation.timeout { return .timedOut(timeout) }
            if let reason = control.cancelReason { return .canceled(reason) }
            switch result.terminationStatus {
            case .exited(let code): return .exited(code)
            case .signaled(let signal): return .signaled(signal)
            }
        } catch {
            return .couldNotStart("\(error)")
        }
    }
}

/// Set once by the timeout watchdog, read after the process ends.
final class TimeoutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Stops the steps a lost worker left running: they sit in their own sessions, so nothing else
/// would. A recorded group id is only signalled when that process still carries the run's id in
/// its environment, so a reused pid is never hit.
enum OrphanedSteps {
    static func kill(run: RunID, pidPath: String) {
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8), let group = pid_t(text) else { return }
        guard let environ = FileManager.default.contents(atPath: "/proc/\(group)/environ") else { return }
        let marker = Array("ARCO_RUN_ID=\(run.rawValue)".utf8)
        guard environ.split(separator: 0).contains(where: { Array($0) == marker }) else { return }
        Glibc.kill(-group, SIGKILL)
    }
}
