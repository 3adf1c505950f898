import ArcoCore
import Foundation
import Synchronization

extension Daemon {
    /// How often the loop looks at the stop flag while it waits.
    static let stopPollMilliseconds: UInt32 = 50

    /// The long-running loop of `arco daemon`: a pass every `interval` while leading, and a
    /// lease attempt every third of the lease as a standby. A separate thread renews the lease
    /// every third of the lease whatever the pass is doing (a sensor command may run for a
    /// minute), so a long pass does not lose it.
    ///
    /// Returns once `stopReason` gives a reason, after finishing the part in progress and
    /// releasing the lease. Runs in flight keep going in their own worker processes.
    /// - Throws: an operator error when the very first lease attempt fails (a read-only or
    ///   missing store): nothing can work, so the command exits with it. Later failures are
    ///   logged and retried.
    public func runLoop(stopReason: @escaping @Sendable () -> String?, log: @escaping @Sendable (DaemonLogLine) -> Void) throws {
        try heartbeat(log: log)
        let renewer = LeaseRenewer(daemon: self, log: log)
        renewer.start()
        defer { renewer.stop() }
        var nextPass = clockNow
        while stopReason() == nil {
            let now = clockNow
            if token != nil, now >= nextPass {
                nextPass = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + options.interval.microseconds)
                do {
                    try pass(log: log, stopReason: stopReason)
                } catch let error as OperatorError {
                    log(DaemonLogLine("error", subject: "pass", why: error.message, at: clockNow))
                }
            }
            sleep(until: token == nil ? renewer.nextAttempt : min(nextPass, renewer.nextAttempt), stopReason: stopReason)
        }
        renewer.stop()
        try release(log: log)
    }

    /// Sleeps in short slices until `deadline` or a stop.
    private func sleep(until deadline: Timestamp, stopReason: () -> String?) {
        while stopReason() == nil, clockNow < deadline {
            usleep(Self.stopPollMilliseconds * 1000)
        }
    }
}

/// Renews the lease (or, as a standby, tries to take it) every third of the lease on its own
/// thread, independent of how long a pass takes.
final class LeaseRenewer: Sendable {
    private let daemon: Daemon
    private let log: @Sendable (DaemonLogLine) -> Void
    private let stopped = Atomic<Bool>(false)
    private let next = Mutex(Timestamp(microsecondsSinceEpoch: 0))

    init(daemon: Daemon, log: @escaping @Sendable (DaemonLogLine) -> Void) {
        self.daemon = daemon
        self.log = log
    }

    /// When the next attempt is due; the loop wakes then to start a pass if it now leads.
    var nextAttempt: Timestamp { next.withLock { $0 } }

    func start() {
        schedule()
        let thread = Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                if daemon.clockNow >= nextAttempt {
                    do {
                        try daemon.heartbeat(log: log)
                    } catch let error as OperatorError {
                        log(DaemonLogLine("error", subject: "lease", why: error.message, at: daemon.clockNow))
                    } catch {
                        log(DaemonLogLine("error", subject: "lease", why: "\(error)", at: daemon.clockNow))
                    }
                    schedule()
                }
                usleep(Daemon.stopPollMilliseconds * 1000)
            }
        }
        thread.start()
    }

    func stop() { stopped.store(true, ordering: .releasing) }

    private func schedule() {
        let now = daemon.clockNow.microsecondsSinceEpoch
        next.withLock { $0 = Timestamp(microsecondsSinceEpoch: now + daemon.options.renewalMicroseconds) }
    }
}
