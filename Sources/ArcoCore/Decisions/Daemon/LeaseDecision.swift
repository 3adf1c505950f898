/// Whether a daemon may lead: a pure function of the lease row, the daemon and its clock.
///
/// Safety does not depend on this decision being right about time: every write the leader makes
/// checks its token in the same transaction (`LeaseFence`), so a standby that takes over early
/// (its clock runs ahead) only deposes a live leader, which then writes nothing. Clocks decide
/// liveness, how soon a lapsed lease is taken (docs/adr/0022-daemon.md).
public enum LeaseDecision: Sendable, Equatable {
    /// Take the lease with a new token (no row, a lapsed one, or a released one).
    case acquire(Lease)
    /// Extend my own tenure; the token is unchanged.
    case renew(Lease)
    /// Someone else leads until the lease lapses.
    case standby(leader: Lease)

    /// Decides from the row as it stands under the write lock.
    /// - Parameters:
    ///   - current: the lease row, or nil when no daemon ever led.
    ///   - me: the daemon asking.
    ///   - now: the daemon's clock.
    ///   - durationMicroseconds: how long the lease lasts from now (`--lease`).
    public static func decide(current: Lease?, me: LeaseHolder, now: Timestamp, durationMicroseconds: Int64) -> LeaseDecision {
        let expiry = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + durationMicroseconds)
        guard let current else {
            return .acquire(Lease(holder: me, token: 1, since: now, expiresAt: expiry, renewedAt: now))
        }
        if current.holder == me, !current.isExpired(at: now) {
            // The expiry never moves backwards on a renewal, even if my clock stepped back.
            var renewed = current
            renewed.expiresAt = max(current.expiresAt, expiry)
            renewed.renewedAt = now
            return .renew(renewed)
        }
        guard current.isExpired(at: now) else { return .standby(leader: current) }
        // A lapsed lease, even my own, is a new tenure: whatever I decided under the old token
        // may have been overtaken by a leader in between, so it must not pass the fence.
        return .acquire(Lease(holder: me, token: current.token + 1, since: now, expiresAt: expiry, renewedAt: now))
    }
}
