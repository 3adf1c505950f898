import ArcoCore
import Foundation
import Synchronization

/// Renews the lease (or, as a standby, tries to take it) on its own thread, independent of how
/// long a pass takes: every third of the lease while leading, and every min(interval, lease/3)
/// as a standby, so a dead leader is replaced within lease + one interval.
final class LeaseRenewer: Sendable {
    private let daemon: Daemon
    private let log: @Sendable (DaemonLogLine) -> Void
    private let stopped = Atomic<Bool>(false)
    private let next = Mutex(Timestamp(microsecondsSinceEpoch: 0))
    /// Signalled once when the thread has left its loop, so `stop` can wait for it.
    private let exited = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    init(daemon: Daemon, log: @escaping @Sendable (DaemonLogLine) -> Void) {
        self.daemon = daemon
        self.log = log
    }

    /// When the next attempt is due; the loop wakes then to start a pass if it now leads.
    var nextAttempt: Timestamp { next.withLock { $0 } }

    func start() {
        schedule()
        started.store(true, ordering: .releasing)
        let thread = Thread { [self] in
            defer { exited.signal() }
            while !stopped.load(ordering: .acquiring) {
                if !daemon.renewalsHeld.load(ordering: .acquiring), daemon.clockNow >= nextAttempt {
                    // The next attempt is set before this one runs, so the main loop, which
                    // sleeps until it, never sees a past deadline while a heartbeat is in flight.
                    schedule()
                    do {
                        try daemon.heartbeat(log: log)
                    } catch let error as OperatorError {
                        log(DaemonLogLine("error", subject: "lease", why: error.message, at: daemon.clockNow))
                    } catch {
                        log(DaemonLogLine("error", subject: "lease", why: "\(error)", at: daemon.clockNow))
                    }
                    // A standby that just took the lease renews every third of it from here.
                    schedule()
                }
                usleep(Daemon.stopPollMilliseconds * 1000)
            }
        }
        thread.name = "arco-lease"
        thread.start()
    }

    /// Stops the thread and waits until it has left its loop: after this returns no heartbeat
    /// is in flight and none will start, so a release that follows is the last lease write.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        guard started.load(ordering: .acquiring) else { return }
        exited.wait()
    }

    private func schedule() {
        let now = daemon.clockNow.microsecondsSinceEpoch
        next.withLock { $0 = Timestamp(microsecondsSinceEpoch: now + daemon.options.attemptMicroseconds(leading: daemon.token != nil)) }
    }
}
