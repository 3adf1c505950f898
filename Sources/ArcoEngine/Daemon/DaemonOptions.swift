import ArcoCore

/// How a daemon paces itself.
public struct DaemonOptions: Sendable {
    /// The lease name in the store; one leader per name per store.
    public static let leaseName = "daemon"
    /// The default time between passes (`--interval`).
    public static let intervalDefault: Duration = .seconds(30)
    /// The default lease (`--lease`).
    public static let leaseDefault: Duration = .seconds(15)

    /// Time between the starts of two passes.
    public var interval: Duration
    /// How long the lease lasts from each renewal; it is renewed at least every third of it.
    public var lease: Duration
    /// Evaluate as of this instant instead of the clock (`--now`, for tests and replays). The
    /// lease still follows the clock.
    public var now: Timestamp?

    /// Creates options.
    public init(interval: Duration = intervalDefault, lease: Duration = leaseDefault, now: Timestamp? = nil) {
        self.interval = interval
        self.lease = lease
        self.now = now
    }

    /// The lease in microseconds, as the store keeps expiries.
    public var leaseMicroseconds: Int64 { lease.microseconds }
    /// How often the leader renews: a third of the lease, so two renewals may fail before it lapses.
    public var renewalMicroseconds: Int64 { lease.microseconds / 3 }

    /// Time between two lease attempts: a leader renews every third of the lease; a standby
    /// looks every third of the lease or every interval, whichever is shorter, so a dead leader
    /// is replaced within lease + one interval of its last renewal.
    public func attemptMicroseconds(leading: Bool) -> Int64 {
        leading ? renewalMicroseconds : min(renewalMicroseconds, interval.microseconds)
    }
}
