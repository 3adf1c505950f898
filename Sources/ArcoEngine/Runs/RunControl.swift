import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Shared between the run's coordinator, its step tasks, and signal handlers: the process
/// groups of running steps and whether the run is being canceled. Lock-protected, because
/// signal sources and step tasks touch it from other threads.
final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var reason: String?
    private var stopped = false

    /// Why the run is being canceled, once it is.
    var cancelReason: String? { lock.withLock { reason } }

    /// Whether the coordinator finished (the watcher then stops).
    var isStopped: Bool { lock.withLock { stopped } }

    func stop() { lock.withLock { stopped = true } }

    /// Records the first cancel reason and signals every running step's group; later calls
    /// keep the first reason.
    func cancel(_ why: String) {
        let running: Set<pid_t> = lock.withLock {
            if reason == nil { reason = why }
            return groups
        }
        for group in running { kill(-group, SIGTERM) }
    }

    /// Registers a started step's process group; a run already canceling stops it at once.
    func register(_ group: pid_t) {
        let canceling = lock.withLock {
            groups.insert(group)
            return reason != nil
        }
        if canceling { kill(-group, SIGTERM) }
    }

    func unregister(_ group: pid_t) { _ = lock.withLock { groups.remove(group) } }

    /// SIGKILL to every group still registered (after the grace period of a cancel).
    func killRemaining() {
        for group in lock.withLock({ groups }) { kill(-group, SIGKILL) }
    }
}
