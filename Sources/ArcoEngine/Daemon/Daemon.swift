import ArcoCore
import ArcoStore
import Synchronization

/// One `arco daemon` process: it leads while it holds the store's `daemon` lease and waits as a
/// standby otherwise. Every write it makes goes through an engine whose store checks the lease's
/// fencing token in the same transaction, so once another daemon takes over, this one can write
/// nothing, whatever its clock or scheduler did (docs/adr/0022-daemon.md).
///
/// The daemon decides nothing itself: a pass calls the same engine entry points as `schedule
/// tick`, `sensor eval`, the worker's backfill driver and `reconcile tick` (`Daemon+Pass`).
/// Time, ids, the store and worker launches all come from the engine's environment, so the
/// simulation test runs several daemons in one process, step by step.
public final class Daemon: Sendable {
    /// The fenced engine every pass writes through.
    public let engine: Engine
    /// Lease reads and writes only, on their own connection (see `init`).
    let leaseEngine: Engine
    /// Who this daemon is in the lease row.
    public let holder: LeaseHolder
    /// The fence the engine's store checks.
    public let fence: LeaseFence
    /// Pacing.
    public let options: DaemonOptions
    let state = Mutex(DaemonState())
    /// Held across every lease decision and tenure change (heartbeat, deposed, release, the
    /// start of a pass), so the row, the fence and `state.token` change together.
    private let tenure = Mutex(())
    /// True while a thread holds `tenure`: the simulation stalls a pass only outside it, as a
    /// real pass thread, which never waits on anything while holding it, can be stalled.
    let insideTenure = Atomic<Bool>(false)
    /// Set only at `DaemonStopPoint`: the lease thread skips its attempts meanwhile.
    let renewalsHeld = Atomic<Bool>(false)
    /// `DaemonStopPoint` is reached once per process.
    let stopPointReached = Atomic<Bool>(false)

    /// Creates a daemon over `workspace`; nothing is opened until the first step.
    public convenience init(workspace: Workspace, environment: EngineEnvironment, holder: LeaseHolder, options: DaemonOptions) {
        self.init(workspace: workspace, environment: environment, holder: holder, options: options, enforcesFence: true)
    }

    /// - Parameter enforcesFence: `false` only in the simulation test that shows what goes
    ///   wrong without the fence (`@testable`, never API).
    init(
        workspace: Workspace, environment: EngineEnvironment, holder: LeaseHolder, options: DaemonOptions,
        enforcesFence: Bool
    ) {
        let fence = LeaseFence(lease: DaemonOptions.leaseName, enforced: enforcesFence)
        // The lease has a connection of its own whose busy wait fits in a renewal period: on the
        // engine's (10 s by default) a long write by another process would hold a renewal past
        // a short lease; here a renewal that cannot get the write lock in time gives up and the
        // next one, a third of a lease later, tries again.
        var leaseEnvironment = environment
        leaseEnvironment.fence = nil
        leaseEnvironment.busyTimeoutMilliseconds = max(
            1, min(environment.busyTimeoutMilliseconds, Int(options.renewalMicroseconds / 1000)))
        self.leaseEngine = Engine(workspace: workspace, environment: leaseEnvironment)
        var environment = environment
        environment.fence = fence
        environment.keepsLastGoodDefinitions = true
        // A worker claims its run within moments; two leases without a claim means the launch
        // was lost (a leader that crashed between recording it and spawning), so try again.
        environment.relaunchAfter = options.lease * 2
        self.engine = Engine(workspace: workspace, environment: environment)
        self.holder = holder
        self.fence = fence
        self.options = options
    }

    /// The daemon's clock (leases follow it even when `--now` fixes what passes evaluate).
    var clockNow: Timestamp { engine.environment.clock.now() }

    /// The token this daemon leads under, or nil as a standby.
    public var token: Int64? { state.withLock { $0.token } }

    /// Takes or renews the lease, or notes this daemon as a standby.
    /// - Returns: whether this daemon leads now.
    /// - Throws: an operator error when the store cannot be opened or written (e.g. read-only).
    @discardableResult
    public func heartbeat(log: (DaemonLogLine) -> Void) throws -> Bool {
        // The decision, the fence and the state change as one step: the lease thread and the
        // pass must never see a token committed to the row but not yet held by the fence, or
        // a refused write could clear the tenure just taken (ADR 0022, "one tenure at a time").
        try holdingTenure { () throws -> Bool in try heartbeatHoldingTenure(log: log) }
    }

    private func heartbeatHoldingTenure(log: (DaemonLogLine) -> Void) throws -> Bool {
        let now = clockNow
        let store = try leaseEngine.store()
        // A pass decided under one tenure must not go on writing under the next: while one runs,
        // a lapsed lease ends it, and the next tenure starts with a fresh pass.
        let (mine, passing) = state.withLock { ($0.token, $0.passInProgress) }
        let decision = try leaseEngine.mapStoreErrors {
            try store.takeLease(
                DaemonOptions.leaseName, for: holder, mine: mine, now: now, lease: options.lease,
                mayAcquire: !passing)
        }
        switch decision {
        case .acquire(let lease):
            fence.hold(LeaseFence.Tenure(holderID: holder.id, token: lease.token))
            // The leader drives every open backfill, as `arco worker` does, so it holds the same
            // lock `backfill status` looks for; the kernel drops it if this process dies.
            let driving = DriverLock.hold(DriverLock.path(for: nil, in: engine.workspace), in: engine.workspace)
            state.withLock { $0.lead(token: lease.token, at: now, driving: driving) }
            log(DaemonLogLine(
                "lead", why: "took the lease with fencing token \(lease.token)", at: now, tokens: ["token": lease.token]))
            return true
        case .renew:
            state.withLock { $0.lastRenewal = now }
            return true
        case .standby(let leader):
            if let mine, leader.token == mine, leader.holder == holder {
                // Nobody took over, but my lease lapsed during a pass (a long stall): stop it.
                fence.hold(nil)
                state.withLock { $0.standBy() }
                log(DaemonLogLine(
                    "standby", why: "my lease (token \(mine)) lapsed during a pass; the pass stops and the next attempt starts a new tenure",
                    at: now, tokens: ["mine": mine]))
            } else if let mine {
                // My renewal was itself a write under my token, refused because another daemon
                // took the lease while I was paused or cut off.
                deposedHoldingTenure(mine: mine, current: leader.token, leader: leader.holder, source: "lease", log: log)
            } else if state.withLock({ $0.announceStandby() }) {
                log(DaemonLogLine(
                    "standby", why: "\(leader.holder.id) on \(leader.holder.host) (pid \(leader.holder.pid)) leads with token \(leader.token)",
                    at: now, tokens: ["current": leader.token]))
            }
            return false
        }
    }

    /// Drops back to standby after a write refused under token `mine`, saying so in one line with
    /// both tokens. Only the tenure `mine` ends: if the lease thread has meanwhile taken a newer
    /// one, the refusal was about the old tenure and the new one stands.
    /// - Parameter source: `fence` for a refused write, `lease` for a renewal that found
    ///   another leader.
    func deposed(mine: Int64?, current: Int64?, leader: LeaseHolder?, source: String, log: (DaemonLogLine) -> Void) {
        holdingTenure { deposedHoldingTenure(mine: mine, current: current, leader: leader, source: source, log: log) }
    }

    private func deposedHoldingTenure(
        mine: Int64?, current: Int64?, leader: LeaseHolder?, source: String, log: (DaemonLogLine) -> Void
    ) {
        // Said once per tenure: the renewal thread and the pass may both notice.
        let ended = state.withLock { state in
            guard let mine, state.token == mine else { return false }
            state.standBy()
            return true
        }
        guard ended else { return }
        fence.hold(nil)
        var tokens: [String: Int64] = [:]
        tokens["mine"] = mine
        tokens["current"] = current
        let who = leader.map { " by \($0.id) on \($0.host)" } ?? ""
        log(DaemonLogLine(
            "fenced", subject: source,
            why: "\(source == "fence" ? "a write" : "my renewal") under my token \(mine.map(String.init) ?? "none") was fenced: "
                + "the lease's token is now \(current.map(String.init) ?? "none") (taken\(who)); nothing was written; back to standby",
            at: clockNow, tokens: tokens))
    }

    /// Runs `body` holding the tenure lock, noting so in `insideTenure`.
    private func holdingTenure<T: Sendable, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try tenure.withLock { (_: inout ()) throws(E) -> T in
            insideTenure.store(true, ordering: .releasing)
            defer { insideTenure.store(false, ordering: .releasing) }
            return try body()
        }
    }

    /// Marks the start of a pass under the current tenure, atomically with the lease decisions.
    /// - Returns: the token the pass runs under, or nil when this daemon does not lead.
    func beginPass() -> Int64? {
        holdingTenure {
            state.withLock { state -> Int64? in
                state.passInProgress = state.token != nil
                return state.token
            }
        }
    }

    /// Renews the lease if a third of it has passed since the last renewal.
    /// - Returns: whether this daemon still leads under `token`, the pass's tenure.
    func renewIfDue(token: Int64, log: (DaemonLogLine) -> Void) throws -> Bool {
        let (current, last) = state.withLock { ($0.token, $0.lastRenewal) }
        guard current == token else { return false }
        if let last, clockNow.microsecondsSinceEpoch - last.microsecondsSinceEpoch < options.renewalMicroseconds { return true }
        try heartbeat(log: log)
        return self.token == token
    }

    /// One step: heartbeat, then a full pass when leading.
    /// - Returns: whether this daemon led the pass.
    @discardableResult
    public func step(log: (DaemonLogLine) -> Void) throws -> Bool {
        guard try heartbeat(log: log) else { return false }
        try pass(log: log)
        return true
    }

    /// Gives the lease up (a standby takes it on its next attempt) and forgets the standby row.
    public func release(log: (DaemonLogLine) -> Void) throws {
        try holdingTenure { () throws in try releaseHoldingTenure(log: log) }
    }

    private func releaseHoldingTenure(log: (DaemonLogLine) -> Void) throws {
        let token = state.withLock { $0.token }
        let now = clockNow
        let store = try leaseEngine.store()
        try leaseEngine.mapStoreErrors { try store.releaseLease(DaemonOptions.leaseName, for: holder, token: token, now: now) }
        fence.hold(nil)
        state.withLock { $0.standBy() }
        if let token {
            log(DaemonLogLine("release", why: "released the lease (token \(token))", at: now, tokens: ["token": token]))
        }
    }
}

/// What a daemon remembers between steps.
struct DaemonState {
    /// The token it leads under; nil as a standby.
    var token: Int64?
    /// Its last successful renewal, by its clock.
    var lastRenewal: Timestamp?
    /// Backfill plans kept between passes, as the worker keeps them.
    var plans: [BackfillID: BackfillPlan] = [:]
    /// Backfills that cannot be driven, each reported once.
    var broken: Set<BackfillID> = []
    /// The last error each part logged, so a persisting problem is logged once.
    var lastErrors: [String: String] = [:]
    /// Whether the standby line was logged since the last tenure.
    var saidStandby = false
    /// Set while a pass runs: the lease is then renewed but not re-taken once lapsed.
    var passInProgress = false
    /// The workers' driver lock, held while leading so `backfill status` says the backfills
    /// are driven; released (closed) on standing by.
    var driving: DriverLock?

    mutating func lead(token: Int64, at now: Timestamp, driving: DriverLock?) {
        self.token = token
        self.driving = driving
        lastRenewal = now
        // A new tenure plans afresh: another leader may have moved the backfills meanwhile.
        plans = [:]
        saidStandby = false
    }

    mutating func standBy() {
        token = nil
        driving = nil
        lastRenewal = nil
        plans = [:]
    }

    /// True the first time after a tenure (or start): the standby line is said once.
    mutating func announceStandby() -> Bool {
        defer { saidStandby = true }
        return !saidStandby
    }
}
