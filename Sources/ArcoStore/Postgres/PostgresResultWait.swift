import Dispatch
import Glibc
import Synchronization

/// One statement's result, handed from the event loop to the thread that waits for it: the
/// waiter polls for a short while, then blocks.
///
/// A round trip through PostgresNIO passes four hand-offs between threads (caller → event loop →
/// server → event loop → caller) where a C client has two. On a virtual machine whose idle vCPUs
/// really halt (this one: Firecracker, `cpuidle_haltpoll` with `guest_halt_poll_ns=0`), each
/// hand-off to a sleeping thread is a wake-up of 20–40 µs. Polling keeps the caller's vCPU
/// awake, so the last hand-off costs nothing and the event loop and the server share the other
/// vCPU (docs/benchmarks.md, "PostgreSQL round trips"). Each poll yields the vCPU, so with more
/// processes than vCPUs (eight workers on two) the server and the other processes still run
/// first. The poll is bounded: a statement that takes longer (a lock wait, a long read) is waited
/// for by blocking, so a waiting process spends at most `pollLimit` of CPU per statement.
///
/// NIO's own `wait()` is not used: it registers its callback through one more hop to the event
/// loop, a wake-up of its own on every statement.
final class PostgresResultWait<Value: Sendable>: Sendable {
    /// How long to poll before blocking: above an ordinary round trip including a durable
    /// COMMIT's WAL flush (0.1–0.3 ms here), far below a lock wait.
    static var pollLimit: Duration { .microseconds(500) }

    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = Atomic<Bool>(false)
    private let signal = DispatchSemaphore(value: 0)

    init() {}

    /// Called once, on the event loop.
    func complete(_ outcome: Result<Value, any Error>) {
        result.withLock { $0 = outcome }
        done.store(true, ordering: .releasing)
        signal.signal()
    }

    /// The result, polled for up to `pollLimit`, then waited for. Never call it on the event
    /// loop: the loop would wait for itself.
    func value() throws -> Value {
        let deadline = ContinuousClock.now.advanced(by: Self.pollLimit)
        var polls = 0
        while !done.load(ordering: .acquiring) {
            sched_yield()
            polls &+= 1
            // Reading the clock costs more than a poll; look at it now and then.
            if polls & 15 == 0, ContinuousClock.now >= deadline {
                signal.wait()
                break
            }
        }
        guard let outcome = result.withLock({ $0 }) else {
            preconditionFailure("a statement's result was signalled without a value")
        }
        return try outcome.get()
    }
}
