import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Copies a step's output from a pipe into its log file, keeping the head and tail within the
/// attempt's bound (`StepLogClipper`), and hands the same bytes, in the same order, to the
/// attempt's `StepLogShipper` when hosts share the store.
///
/// A pipe rather than the file itself as the step's stdout, because a process writing straight
/// into a file cannot be bounded without truncating under its feet. The copy runs on a thread of
/// its own: a blocking `read` must not hold one of the few threads of Swift's cooperative pool.
/// When the step's direct child has exited, whatever is still in the pipe is drained and the
/// copy ends, even if a background grandchild holds the pipe open (ADR 0009: such children are
/// not waited for; their later writes fail with EPIPE). The copy waits on the output and on a
/// second, wake-up pipe at once: end-of-file alone would come only once every process holding
/// the write end had closed it, and a background grandchild may hold it for ever,
/// and polling for the exit instead cost each step a poll interval (20 ms on 200 trivial steps
/// measured 4 s more for the run).
final class StepOutputCopier: @unchecked Sendable {
    /// The end the step writes to; closed in this process once the step is spawned.
    let writeEnd: Int32
    /// A second descriptor of the write end, the step's standard error (`2>&1`); closed with it.
    let errorWriteEnd: Int32
    private let readEnd: Int32
    /// A byte written here says the child has exited.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let log: Int32
    private let maxBytes: Int64
    private let shipper: StepLogShipper?
    private let lock = NSLock()
    private var writeEndOpen = true
    private var done = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Creates the pipes; nil when the system refuses them.
    init?(log: Int32, maxBytes: Int64, shipper: StepLogShipper? = nil) {
        guard let output = Self.makePipe() else { return nil }
        guard let wake = Self.makePipe() else {
            close(output.read)
            close(output.write)
            return nil
        }
        let errorEnd = dup(output.write)
        guard errorEnd >= 0 else {
            for descriptor in [output.read, output.write, wake.read, wake.write] { close(descriptor) }
            return nil
        }
        _ = fcntl(errorEnd, F_SETFD, FD_CLOEXEC)
        errorWriteEnd = errorEnd
        (readEnd, writeEnd) = output
        (wakeRead, wakeWrite) = wake
        self.log = log
        self.maxBytes = maxBytes
        self.shipper = shipper
    }

    /// A close-on-exec pipe. Swift's Glibc does not import `pipe2` (it is under _GNU_SOURCE), so
    /// the flag is set right after; only a spawn in that instant could inherit an end.
    private static func makePipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[0], ends[1])
    }

    /// Starts copying on a thread of its own.
    func start() {
        let thread = Thread { [self] in self.copy() }
        thread.name = "arco-step-output"
        thread.start()
    }

    /// Closes this process's copies of the write end (idempotent), so the pipe ends with the step.
    func closeWriteEnd() {
        lock.withLock {
            guard writeEndOpen else { return }
            writeEndOpen = false
            close(writeEnd)
            close(errorWriteEnd)
        }
    }

    /// Says the step's process has ended, and waits until its output is in the log.
    func finish() async {
        closeWriteEnd()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // Under the lock: the copy closes the wake-up pipe under it once done, so the byte
            // can never go to a closed (or reused) descriptor.
            let alreadyDone = lock.withLock {
                if done { return true }
                waiter = continuation
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
                return false
            }
            if alreadyDone { continuation.resume() }
        }
    }

    private func copy() {
        var clipper = StepLogClipper(maxBytes: maxBytes)
        var buffer = [UInt8](repeating: 0, count: Limits.fileChunkBytes)
        var drains = 0
        var exited = false
        while true {
            if exited {
                drains += 1
                guard drains <= Limits.outputDrainReadsMax, Self.isReadable(readEnd, waitMilliseconds: 0) else { break }
            } else {
                let (output, wake) = Self.waitForOutputOrWake(readEnd, wakeRead)
                exited = wake
                if !output { continue }
            }
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { bytes in
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[..<count])
                let head = UnsafeRawBufferPointer(rebasing: chunk[..<clipper.accept(chunk)])
                Self.writeAll(log, head)
                shipper?.append(head)
            }
        }
        close(readEnd)
        clipper.finish().withUnsafeBytes {
            Self.writeAll(log, $0)
            shipper?.append($0)
        }
        let continuation = lock.withLock {
            done = true
            // Both ends close under the lock that `finish` writes under: a byte written to a
            // pipe whose read end is closed raises SIGPIPE, which kills the whole process (the
            // output can end before the step is reaped, when nothing else holds its write end).
            close(wakeRead)
            close(wakeWrite)
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume()
    }

    /// Waits until the output has data (or end-of-file) or the wake-up pipe has a byte.
    private static func waitForOutputOrWake(_ output: Int32, _ wake: Int32) -> (output: Bool, wake: Bool) {
        var requests = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        guard poll(&requests, 2, -1) > 0 else { return (false, false) }
        return (requests[0].revents != 0, requests[1].revents != 0)
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
