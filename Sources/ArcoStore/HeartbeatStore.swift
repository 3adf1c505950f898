import ArcoCore

/// Where executing processes say they are alive, when the store is shared between hosts.
///
/// With SQLite every process is on one host and heartbeats are files beside the store; a
/// PostgreSQL store is shared by hosts that share no folder, so there heartbeats are rows of its
/// `heartbeats` table, written outside the ledger (liveness is not state, and a beat every few
/// seconds would fill it) and without the append lock (a beat must not wait behind a batch).
/// Hosts compare beats written by each other's clocks, so their clocks must agree to well within
/// `Limits.heartbeatTimeoutSeconds`.
public protocol HeartbeatStore: Sendable {
    /// Records that `pid` on `host` is executing `runID` at `at`.
    func recordHeartbeat(_ runID: RunID, host: String, pid: Int64, at: Timestamp) throws
    /// The last heartbeat of `runID`, if any.
    func lastHeartbeat(_ runID: RunID) throws -> Timestamp?
    /// The last heartbeat of every run that has one: the runs in flight, since a run's beats are
    /// removed when it ends. One query where a pass judges several runs on other hosts.
    func allHeartbeats() throws -> [RunID: Timestamp]
    /// Forgets `runID`'s heartbeat once nothing executes it.
    func removeHeartbeat(_ runID: RunID) throws
}
