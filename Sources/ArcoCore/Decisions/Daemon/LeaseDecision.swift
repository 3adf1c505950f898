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
    ///   - mine: the token I believe I lead under (nil as a standby). A renewal needs the row to
    ///     name me *and* this token: a row that names me under another token (my own earlier
    ///     acquisition I no longer believe in) is not a tenure I can go on with, so it is a new one.
    ///   - now: the daemon's clock.
    ///   - lease: how long the lease lasts from now (`--lease`).
    ///   - mayAcquire: false while I am in the middle of work decided under my previous tenure:
    ///     a lease that would be taken anew is then left alone (`.standby` with the row), and
    ///     the next attempt, after that work stops, starts a fresh tenure.
    public static func decide(
        current: Lease?, me: LeaseHolder, mine: Int64?, now: Timestamp, lease: Duration, mayAcquire: Bool = true
    ) -> LeaseDecision {
        // Capped at now + lease, never kept at an older, later expiry: after my clock stepped
        // forward and back, an expiry left far ahead would keep standbys out long after I died.
        let expiry = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + lease.microseconds)
        guard let current else {
            // No row at all: no pass can be under way (a pass needs a tenure), so take it.
            return .acquire(Lease(holder: me, token: 1, since: now, expiresAt: expiry, renewedAt: now))
        }
        let isMine = current.holder == me
        if isMine, current.token == mine, !current.isExpired(at: now) {
            var renewed = current
            renewed.expiresAt = expiry
            renewed.renewedAt = now
            return .renew(renewed)
        }
        // Someone else's live lease: wait. My own row under a token I do not lead under is not
        // someone else's, so it is taken anew below rather than waited out.
        if !isMine, !current.isExpired(at: now) { return .standby(leader: current) }
        // A lapsed lease, even my own, is a new tenure: whatever I decided under the old token
        // may have been overtaken by a leader in between, so it must not pass the fence.
        guard mayAcquire else { return .standby(leader: current) }
        return .acquire(Lease(holder: me, token: current.token + 1, since: now, expiresAt: expiry, renewedAt: now))
    }
}
