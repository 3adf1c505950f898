import ArcoCore
import Synchronization

/// The token a daemon's writes must carry: the store checks it inside every write transaction it
/// opens, before the body runs, so a deposed leader (paused, partitioned, clock-skewed) writes
/// nothing (docs/adr/0022-daemon.md).
///
/// A reference type because the tenure changes while the engine that carries it lives: the
/// daemon sets it on acquiring the lease and clears it on losing it.
public final class LeaseFence: Sendable {
    /// One tenure: who holds the lease, under which token.
    public struct Tenure: Sendable, Hashable {
        /// The holder id written in the lease row.
        public var holderID: String
        /// The fencing token of the tenure.
        public var token: Int64

        /// Creates a tenure.
        public init(holderID: String, token: Int64) {
            self.holderID = holderID
            self.token = token
        }
    }

    /// The lease this fence checks (`daemon`).
    public let lease: String
    /// `false` only in the simulation test that proves it catches the bug fencing prevents:
    /// the check is skipped and every write passes.
    public let enforced: Bool
    private let tenure = Mutex<Tenure?>(nil)

    /// Creates a fence with no tenure: every write is refused until `hold` is called.
    public init(lease: String = "daemon", enforced: Bool = true) {
        self.lease = lease
        self.enforced = enforced
    }

    /// The tenure writes must match, or nil (standby: nothing may be written).
    public var current: Tenure? { tenure.withLock { $0 } }

    /// Sets the tenure writes must match.
    public func hold(_ value: Tenure?) { tenure.withLock { $0 = value } }

    /// Throws `StoreError.fenced` unless the lease row names this fence's tenure. Called inside
    /// the write transaction (under `BEGIN IMMEDIATE`), so no acquisition can slip in between
    /// the check and the commit.
    ///
    /// Expiry is not checked here: a lapsed lease nobody took over is still this holder's, and
    /// a takeover always raises the token. Safety therefore depends on no clock.
    ///
    /// postgres: the same holds only if the store's write transactions are serialized as
    /// `BEGIN IMMEDIATE` serializes them (a transaction-level lock taken first); otherwise this read
    /// needs `FOR SHARE`, so that a takeover's update of the row waits for this transaction.
    func check(_ session: any SQLSession) throws {
        guard enforced else { return }
        let mine = current
        let row = try session.row("SELECT holder, token FROM leases WHERE name = ?", [lease])
        let holder: String? = row?[0]
        let token: Int64? = row?[1]
        guard let mine, holder == mine.holderID, token == mine.token else {
            throw StoreError.fenced(lease: lease, mine: mine?.token, current: token)
        }
    }
}
