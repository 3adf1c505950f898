import ArcoCore
import Foundation

extension Engine {
    /// Runs `write` until the store takes it, however long another process holds the write lock,
    /// however long the disk stays full, and however long a PostgreSQL server stays away (each
    /// try after a lost connection opens a new one).
    ///
    /// Once a run's steps have started, giving up would abandon work whose effects already stand:
    /// the run would later be reaped as lost, its steps' real outcomes (exit codes) forgotten, and
    /// repeating the command with its run key would return that failed run. So the executor's
    /// writes wait, with backoff, while its steps keep running. A busy store clears by itself;
    /// a full disk clears when someone frees space, and the write (rolled back, so nothing was
    /// half-recorded) then goes through. There is no bound: the outcome exists nowhere else
    /// (docs/adr/0016-full-disk.md). Each busy try already waits `ARCO_BUSY_TIMEOUT_MS`, so
    /// `waiting` hears about a busy store at most once per timeout, and about a full disk at
    /// most once per `Limits.diskFullReminderMilliseconds`. The pauses are task sleeps, so a worker's
    /// other runs, step timeouts and cancels go on while one run waits. Only the executor calls
    /// this, once its run is claimed; the claim itself fails at once (exit 75 or 74).
    /// - Parameters:
    ///   - write: one write transaction (retrying it is safe: its events carry idempotency keys).
    ///   - waiting: told why the write is waiting and for how long so far.
    func persistently<T>(_ write: () throws -> T, waiting: (RunProgress) -> Void) async throws -> T {
        let start = ContinuousClock.now
        var pauseMilliseconds = 20
        var nextDiskFullReport = 0
        var nextUnreachableReport = 0
        while true {
            do {
                return try write()
            } catch let error as OperatorError where error.storeCondition == .busy {
                waiting(.storeBusy(waitedMilliseconds: start.duration(to: .now).wholeMilliseconds))
            } catch let error as OperatorError where error.storeCondition == .diskFull {
                let waited = start.duration(to: .now).wholeMilliseconds
                if waited >= nextDiskFullReport {
                    waiting(.diskFull(waitedMilliseconds: waited, stateFolder: workspace.stateFolder))
                    nextDiskFullReport = waited + Limits.diskFullReminderMilliseconds
                }
            } catch let error as OperatorError where error.storeCondition == .unreachable {
                let waited = start.duration(to: .now).wholeMilliseconds
                if waited >= nextUnreachableReport {
                    waiting(.storeUnreachable(waitedMilliseconds: waited, reason: error.message))
                    nextUnreachableReport = waited + Limits.diskFullReminderMilliseconds
                }
            }
            do {
                try await Task.sleep(for: .milliseconds(pauseMilliseconds))
            } catch {
                // A canceled task's sleep returns at once; the write must still wait its turn
                // rather than spin.
                usleep(UInt32(pauseMilliseconds * 1000))
            }
            pauseMilliseconds = min(pauseMilliseconds * 2, Limits.writeRetryBackoffMaxMilliseconds)
        }
    }
}

fileprivate extension Duration {
    /// The duration in whole milliseconds.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
