/// Who a daemon is: the lease row names its holder so `arco daemon status` can say which process
/// leads, and so a restarted daemon (a new holder id) never mistakes an old lease for its own.
public struct LeaseHolder: Sendable, Hashable {
    /// A unique id per daemon process (not per host: two daemons may share a host).
    public var id: String
    /// The host name, for operators.
    public var host: String
    /// The process id, for operators.
    public var pid: Int64

    /// Creates a holder.
    public init(id: String, host: String, pid: Int64) {
        self.id = id
        self.host = host
        self.pid = pid
    }
}

/// A leadership lease as the store holds it: one row per lease name (`daemon`).
///
/// The fencing token rises on every acquisition and never on a renewal, so a write carrying an
/// older token was decided by a leader that has since been replaced (docs/adr/0022-daemon.md).
public struct Lease: Sendable, Hashable {
    /// The holder.
    public var holder: LeaseHolder
    /// The fencing token of this holder's tenure.
    public var token: Int64
    /// When this holder acquired it.
    public var since: Timestamp
    /// When it lapses unless renewed, by the holder's clock at its last renewal.
    public var expiresAt: Timestamp
    /// The holder's last renewal.
    public var renewedAt: Timestamp

    /// Creates a lease.
    public init(holder: LeaseHolder, token: Int64, since: Timestamp, expiresAt: Timestamp, renewedAt: Timestamp) {
        self.holder = holder
        self.token = token
        self.since = since
        self.expiresAt = expiresAt
        self.renewedAt = renewedAt
    }

    /// Whether the lease has lapsed at `now` (released leases lapse at their release).
    public func isExpired(at now: Timestamp) -> Bool { now >= expiresAt }
}

/// A daemon seen waiting for the lease.
public struct LeaseStandby: Sendable, Hashable {
    /// Who.
    public var holder: LeaseHolder
    /// Its last attempt to take the lease.
    public var seenAt: Timestamp

    /// Creates a standby row.
    public init(holder: LeaseHolder, seenAt: Timestamp) {
        self.holder = holder
        self.seenAt = seenAt
    }
}
