import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Copies a step's output from a pipe into its log file, keeping the head and tail within the
/// attempt's bound (`StepLogClipper`).
///
/// A pipe rather than the file itself as the step's stdout, because a process writing straight
/// into a file cannot be bounded without truncating under its feet. The copy runs on a thread of
/// its own: a blocking `read` must not hold one of the few threads of Swift's cooperative pool.
/// When the step's direct child has exited, whatever is still in the pipe is drained and the
/// copy ends, even if a background grandchild holds the pipe open (ADR 0009: such children are
/// not waited for; their later writes fail with EPIPE).
final class StepOutputCopier: @unchecked Sendable {
    /// The copy buffer: memory per running step is this plus the clipper's tail.
    static let chunkBytes = 64 << 10
    /// After the child exits, at most this many reads drain the pipe (a pipe holds at most 1 MiB
    /// on Linux by default, so 32 × 64 KiB covers it), so a chatty grandchild cannot hold the step.
    static let drainReadsMax = 32
    /// How often a copy with nothing to read looks whether the child has exited: a step that
    /// leaves a background child holding the pipe ends at most this much later.
    static let exitCheckMilliseconds: Int32 = 20

    /// The end the step writes to; closed in this process once the step is spawned.
    let writeEnd: Int32
    private let readEnd: Int32
    private let log: Int32
    private let maxBytes: Int64
    private let lock = NSLock()
    private var writeEndOpen = true
    private var childExited = false
    private var done = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Creates the pipe; nil when the system refuses one.
    init?(log: Int32, maxBytes: Int64) {
        var ends: [Int32] = [0, 0]
        // Swift's Glibc does not import `pipe2` (it is under _GNU_SOURCE); close-on-exec is set
        // right after, so only a spawn in that instant could inherit the pipe.
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        readEnd = ends[0]
        writeEnd = ends[1]
        self.log = log
        self.maxBytes = maxBytes
    }

    /// Starts copying on a thread of its own.
    func start() {
        let thread = Thread { [self] in self.copy() }
        thread.name = "arco-step-output"
        thread.start()
    }

    /// Closes this process's copy of the write end (idempotent), so the pipe ends with the step.
    func closeWriteEnd() {
        lock.withLock {
            guard writeEndOpen else { return }
            writeEndOpen = false
            close(writeEnd)
        }
    }

    /// Says the step's process has ended, and waits until its output is in the log.
    func finish() async {
        closeWriteEnd()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyDone = lock.withLock {
                childExited = true
                if done { return true }
                waiter = continuation
                return false
            }
            if alreadyDone { continuation.resume() }
        }
    }

    private func copy() {
        var clipper = StepLogClipper(maxBytes: maxBytes)
        var buffer = [UInt8](repeating: 0, count: Self.chunkBytes)
        var drains = 0
        while true {
            let exited = lock.withLock { childExited }
            if exited {
                drains += 1
                guard drains <= Self.drainReadsMax, Self.isReadable(readEnd, waitMilliseconds: 0) else { break }
            } else if !Self.isReadable(readEnd, waitMilliseconds: Self.exitCheckMilliseconds) {
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { bytes in
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[..<count])
                let head = clipper.accept(chunk)
                Self.writeAll(log, UnsafeRawBufferPointer(rebasing: chunk[..<head]))
            }
        }
        close(readEnd)
        clipper.finish().withUnsafeBytes { Self.writeAll(log, $0) }
        let continuation = lock.withLock {
            done = true
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume()
    }

    /// Whether `descriptor` has data or end-of-file within the wait.
    private static func isReadable(_ descriptor: Int32, waitMilliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, waitMilliseconds) > 0
    }

    /// Writes every byte, retrying short writes; a failing log (disk full) drops the rest
    /// rather than stopping the copy, so the step is never blocked on its own output.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
