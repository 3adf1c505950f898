import ArcoCore
import ArcoStore
import Foundation

/// Where an attempt's log is copied besides its file: a store shared between hosts.
struct StepLogDestination: Sendable {
    var store: any LogChunkStore
    var runID: RunID
    var stepKey: StepKey
    var attempt: Int64
}

/// Copies an attempt's log into a store shared between hosts as it is written, within its bound
/// (`LogChunkBound`), so `arco logs` on another host reads it (docs/adr/0024-postgres-step-logs.md).
///
/// The store is written on a thread of its own, never the output copier's: a slow or unreachable
/// database must not stop the pipe from draining, or the step would block on its own output.
/// Output is batched: it waits up to `Limits.logChunkFlushMilliseconds`, or until
/// `Limits.logChunkBytesMax` bytes are waiting, so a chatty step costs one round trip per
/// interval, not one per line. A failed write is retried at the next interval (rows are
/// idempotent), and given up once the step has ended: the file remains the log, and the
/// database copy is a courtesy that never fails the step. What waits in memory is bounded by the
/// bound itself.
final class StepLogShipper: @unchecked Sendable {
    private let destination: StepLogDestination
    private let condition = NSCondition()
    private var bound: LogChunkBound
    private var pending: [UInt8] = []
    /// Where the first pending byte sits in the log.
    private var pendingOffset: Int64 = 0
    private var nextChunk: Int64 = 0
    private var ended = false
    private var done = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(destination: StepLogDestination, bound: LogChunkBound) {
        self.destination = destination
        self.bound = bound
    }

    /// Starts shipping on a thread of its own.
    func start() {
        let thread = Thread { [self] in self.ship() }
        thread.name = "arco-step-log-copy"
        thread.start()
    }

    /// Takes bytes just written to the log file, in order; never waits for the store.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        condition.withLock {
            let (kept, marker) = bound.accept(bytes)
            pending.append(contentsOf: bytes[..<kept])
            if let marker { pending.append(contentsOf: marker) }
            condition.signal()
        }
    }

    /// Says the log is complete, and waits until what is left has been written (or given up):
    /// the attempt's end is recorded after it, so a reader that sees the run ended has every row.
    func finish() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyDone = condition.withLock {
                if done { return true }
                ended = true
                waiter = continuation
                condition.signal()
                return false
            }
            if alreadyDone { continuation.resume() }
        }
    }

    private func ship() {
        while let next = nextBatch() {
            let (batch, offset, last) = next
            guard let failure = write(batch, at: offset) else { continue }
            if last {
                warn("its log could not be copied to the store (\(Self.reason(failure)))")
                break
            }
            // Put back for the next interval: the rows must stay in order, with no gap.
            condition.withLock {
                pending = batch + pending
                pendingOffset = offset
            }
            // A row's worth waiting would otherwise retry at once, spinning on a server that is down.
            Thread.sleep(forTimeInterval: Double(Limits.logChunkFlushMilliseconds) / 1000)
        }
        let continuation = condition.withLock {
            done = true
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume()
    }

    /// Waits for output, then up to one interval more unless a row's worth is waiting or the
    /// log has ended; nil once the log has ended and everything was handed out.
    private func nextBatch() -> (bytes: [UInt8], offset: Int64, last: Bool)? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !ended { condition.wait() }
        let deadline = Date(timeIntervalSinceNow: Double(Limits.logChunkFlushMilliseconds) / 1000)
        while !ended && pending.count < Limits.logChunkBytesMax && condition.wait(until: deadline) {}
        if pending.isEmpty { return nil }
        let batch = pending
        let offset = pendingOffset
        pending.removeAll(keepingCapacity: true)
        pendingOffset += Int64(batch.count)
        return (batch, offset, ended)
    }

    /// Writes `bytes` as rows of at most `Limits.logChunkBytesMax`, in one statement.
    /// - Returns: why the store refused them, or nil once they are stored.
    private func write(_ bytes: [UInt8], at offset: Int64) -> (any Error)? {
        var chunks = [LogChunk]()
        var start = 0
        while start < bytes.count {
            let end = min(start + Limits.logChunkBytesMax, bytes.count)
            chunks.append(
                LogChunk(chunk: nextChunk + Int64(chunks.count), byteOffset: offset + Int64(start), bytes: Array(bytes[start..<end])))
            start = end
        }
        do {
            try destination.store.appendLogChunks(destination.runID, step: destination.stepKey, attempt: destination.attempt, chunks)
        } catch {
            return error
        }
        nextChunk += Int64(chunks.count)
        return nil
    }

    /// Why a write failed, on one line: a PostgreSQL error without its statement, which spans
    /// lines and repeats a placeholder row per chunk.
    private static func reason(_ failure: any Error) -> String {
        if case .postgres(let state, let message, _)? = failure as? StoreError { return "PostgreSQL error \(state): \(message)" }
        return "\(failure)".split(separator: "\n").joined(separator: " ")
    }

    /// Says on this process's standard error that the database copy is incomplete; the step goes on.
    private func warn(_ what: String) {
        let message =
            "arco: warning: step '\(destination.stepKey)' attempt \(destination.attempt) of run '\(destination.runID)': "
            + "\(what); its file on this host remains\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}
