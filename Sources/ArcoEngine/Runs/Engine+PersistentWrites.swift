import ArcoCore
import Foundation

extension Engine {
    /// The longest pause, in milliseconds, between two tries of a write a started run must make.
    static let persistentWriteBackoffMaxMilliseconds = 1_000

    /// Runs `write` until the store takes it, however long another process holds the write lock.
    ///
    /// Once a run's steps have started, giving up on a busy store would abandon work whose
    /// effects already stand: the run would later be reaped as lost, and repeating the command
    /// with its run key would return that failed run. So the executor's writes wait the lock out,
    /// with backoff, while its steps keep running, and exit 75 ("retrying is safe") stays for
    /// commands that have changed nothing. Each try already waits `ARCO_BUSY_TIMEOUT_MS`, so
    /// `waiting` hears about a busy store at most once per timeout.
    /// - Parameters:
    ///   - write: one write transaction (retrying it is safe: its events carry idempotency keys).
    ///   - waiting: told how long, in milliseconds, the write has been waiting so far.
    func persistently<T>(_ write: () throws -> T, waiting: (Int) -> Void) throws -> T {
        let start = ContinuousClock.now
        var pauseMilliseconds = 20
        while true {
            do {
                return try write()
            } catch let error as OperatorError where error.status == .tempFail {
                let (seconds, attoseconds) = start.duration(to: .now).components
                waiting(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
                Thread.sleep(forTimeInterval: Double(pauseMilliseconds) / 1000)
                pauseMilliseconds = min(pauseMilliseconds * 2, Self.persistentWriteBackoffMaxMilliseconds)
            }
        }
    }
}
