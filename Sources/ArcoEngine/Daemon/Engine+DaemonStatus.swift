import ArcoCore
import ArcoStore

/// What `arco daemon status` shows.
public struct DaemonStatusView: Sendable {
    /// The lease while it has not lapsed (by this process's clock), else nil: nobody leads.
    public var leader: Lease?
    /// The lease row even when lapsed: its token is the last one handed out.
    public var lastLease: Lease?
    /// Daemons seen waiting for the lease.
    public var standbys: [LeaseStandby]
    /// The last pass a leader recorded.
    public var lastPass: DaemonPassRow?
}

extension Engine {
    /// Reads the daemon lease, its standbys and the last pass in one snapshot.
    /// - Parameter now: what "lapsed" is judged against (the clock by default).
    public func daemonStatus(now: Timestamp? = nil) throws -> DaemonStatusView {
        let now = now ?? environment.clock.now()
        let store = try store()
        return try mapStoreErrors {
            try store.read { reader in
                let lease = try reader.lease(DaemonOptions.leaseName)
                return DaemonStatusView(
                    leader: lease.flatMap { $0.isExpired(at: now) ? nil : $0 }, lastLease: lease,
                    standbys: try reader.leaseStandbys(DaemonOptions.leaseName),
                    lastPass: try reader.daemonPass(DaemonOptions.leaseName))
            }
        }
    }
}
