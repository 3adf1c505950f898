import Foundation

/// Named places where the crash tests kill arco with SIGKILL (ARCHITECTURE §9: "kill -9 at
/// injected points"). Set `ARCO_CRASH_POINT` to a point's name; unset, this is one `getenv` per
/// point reached (not `ProcessInfo.environment`, which copies the whole environment into a
/// dictionary: 4% of an in-process sensor push).
public enum CrashPoint: String, Sendable {
    /// After a foreground run was reserved, before it is claimed and executed.
    case afterReserve = "after-reserve"
    /// After a detached run was queued, before its worker is spawned.
    case afterQueue = "after-queue"
    /// In a worker, before it claims a run it was started for.
    case workerBeforeClaim = "worker-before-claim"
    /// In `schedule tick`, after a tick and its run were recorded, before a worker is started.
    case scheduleAfterTick = "schedule-after-tick"
    /// In `sensor eval` and `sensor push`, after an evaluation and its runs were recorded,
    /// before a worker is started.
    case sensorAfterEval = "sensor-after-eval"

    /// Kills the process when `ARCO_CRASH_POINT` names this point. With `ARCO_CRASH_ONCE` set to
    /// a path, only the first process to create that file dies, so a test can kill one of many
    /// workers that share the environment.
    public func reach() {
        guard let point = getenv("ARCO_CRASH_POINT"), String(cString: point) == rawValue else { return }
        if let once = getenv("ARCO_CRASH_ONCE").map({ String(cString: $0) }) {
            let descriptor = open(once, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard descriptor >= 0 else { return }
            close(descriptor)
        }
        kill(getpid(), SIGKILL)
    }
}
