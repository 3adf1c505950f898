import Foundation

/// Named places where the crash tests kill arco with SIGKILL (ARCHITECTURE §9: "kill -9 at
/// injected points"). Set `ARCO_CRASH_POINT` to a point's name; unset, this is one dictionary
/// lookup per point reached.
public enum CrashPoint: String, Sendable {
    /// After a foreground run was reserved, before it is claimed and executed.
    case afterReserve = "after-reserve"
    /// After a detached run was queued, before its worker is spawned.
    case afterQueue = "after-queue"

    /// Kills the process when `ARCO_CRASH_POINT` names this point.
    public func reach() {
        guard ProcessInfo.processInfo.environment["ARCO_CRASH_POINT"] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
