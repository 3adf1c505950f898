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
        // Joins the lease thread on every way out: a heartbeat still in flight after the release
        // would take the lease again or write a standby row for a daemon that has gone.
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
            Self.sleep(
                until: token == nil ? renewer.nextAttempt : min(nextPass, renewer.nextAttempt), clock: { clockNow },
                stopReason: stopReason)
        }
        renewer.stop()
        try release(log: log)
    }

    /// `arco daemon --once`: one step, then the lease is released whatever happened (a pass that
    /// threw, a signal between parts). Quiet when nothing is due: taking and releasing the lease
    /// are not actions worth a line when the pass did nothing else.
    /// - Returns: the failure of the first part that failed, if any; the command exits with it.
    public func once(stopReason: () -> String?, log: (DaemonLogLine) -> Void) throws -> OperatorError? {
        var held: [DaemonLogLine] = []
        var spoke = false
        let quiet: (DaemonLogLine) -> Void = { line in
            guard spoke || (line.action != "lead" && line.action != "release") else { return held.append(line) }
            if !spoke {
                spoke = true
                held.forEach(log)
                held = []
            }
            log(line)
        }
        let failure: OperatorError?
        do {
            failure = try heartbeat(log: quiet) ? try pass(log: quiet, stopReason: stopReason) : nil
        } catch {
            try? release(log: quiet)
            throw error
        }
        try release(log: quiet)
        return failure
    }

    /// Sleeps in short slices until `deadline` or a stop, at least one slice: a deadline already
    /// past (a heartbeat in flight has not moved the next attempt yet) must not make the loop
    /// spin at full speed.
    /// - Returns: the slices slept.
    @discardableResult
    static func sleep(until deadline: Timestamp, clock: () -> Timestamp, stopReason: () -> String?) -> Int {
        var slices = 0
        repeat {
            usleep(stopPollMilliseconds * 1000)
            slices += 1
        } while stopReason() == nil && clock() < deadline
        return slices
    }
}
