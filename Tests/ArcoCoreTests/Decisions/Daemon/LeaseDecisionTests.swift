import ArcoCore
import Testing

/// Who may lead, from the lease row, the daemon and its clock (docs/adr/0022-daemon.md).
@Suite struct LeaseDecisionTests {
    static let first = LeaseHolder(id: "a", host: "h", pid: 1)
    static let second = LeaseHolder(id: "b", host: "h", pid: 2)
    static let lease: Duration = .seconds(15)

    static func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: 1_700_000_000 + seconds) }

    static func held(by holder: LeaseHolder, token: Int64, since: Int64, expires: Int64) -> Lease {
        Lease(holder: holder, token: token, since: at(since), expiresAt: at(expires), renewedAt: at(since))
    }

    @Test("the first daemon takes the lease with token 1")
    func firstAcquisition() {
        let decision = LeaseDecision.decide(current: nil, me: Self.first, mine: nil, now: Self.at(0), lease: Self.lease)
        #expect(decision == .acquire(Lease(holder: Self.first, token: 1, since: Self.at(0), expiresAt: Self.at(15), renewedAt: Self.at(0))))
    }

    @Test("a renewal keeps the token and since, and moves the expiry")
    func renewal() {
        let current = Self.held(by: Self.first, token: 4, since: 0, expires: 15)
        guard case .renew(let renewed) = LeaseDecision.decide(current: current, me: Self.first, mine: 4, now: Self.at(5), lease: Self.lease) else {
            Issue.record("expected a renewal")
            return
        }
        #expect(renewed.token == 4)
        #expect(renewed.since == Self.at(0))
        #expect(renewed.expiresAt == Self.at(20))
    }

    @Test("a renewal sets the expiry to now + lease, even below an older one left by a clock that stepped forward")
    func renewalClockBack() {
        let current = Self.held(by: Self.first, token: 4, since: 0, expires: 15)
        guard case .renew(let renewed) = LeaseDecision.decide(current: current, me: Self.first, mine: 4, now: Self.at(-10), lease: Self.lease) else {
            Issue.record("expected a renewal")
            return
        }
        #expect(renewed.expiresAt == Self.at(5))
    }

    @Test("another daemon's live lease makes a standby")
    func standby() {
        let current = Self.held(by: Self.first, token: 4, since: 0, expires: 15)
        #expect(LeaseDecision.decide(current: current, me: Self.second, mine: nil, now: Self.at(14), lease: Self.lease) == .standby(leader: current))
    }

    @Test("a lapsed lease is taken with the next token, at the instant of expiry")
    func takeover() {
        let current = Self.held(by: Self.first, token: 4, since: 0, expires: 15)
        guard case .acquire(let taken) = LeaseDecision.decide(current: current, me: Self.second, mine: nil, now: Self.at(15), lease: Self.lease) else {
            Issue.record("expected an acquisition")
            return
        }
        #expect(taken.token == 5)
        #expect(taken.holder == Self.second)
    }

    @Test("its own lapsed lease is a new tenure: a leader may have come and gone in between")
    func ownLapsedLease() {
        let current = Self.held(by: Self.first, token: 4, since: 0, expires: 15)
        guard case .acquire(let taken) = LeaseDecision.decide(current: current, me: Self.first, mine: 4, now: Self.at(40), lease: Self.lease) else {
            Issue.record("expected an acquisition")
            return
        }
        #expect(taken.token == 5)
        #expect(taken.since == Self.at(40))
    }

    @Test("my own live row under a token I do not lead under is a new tenure, not a renewal")
    func ownRowOtherToken() {
        // The lease thread took token 5 but this daemon's state still says 4 (or nothing): going
        // on as a renewal would leave it believing it leads under a token nobody holds.
        let current = Self.held(by: Self.first, token: 5, since: 0, expires: 15)
        for mine: Int64? in [nil, 4] {
            guard case .acquire(let taken) = LeaseDecision.decide(current: current, me: Self.first, mine: mine, now: Self.at(5), lease: Self.lease) else {
                Issue.record("expected an acquisition for mine \(String(describing: mine))")
                continue
            }
            #expect(taken.token == 6)
        }
    }

    @Test("mid-pass (mayAcquire false) a lapsed lease is left alone, but a live one of mine is renewed")
    func mayNotAcquire() {
        let current = Self.held(by: Self.first, token: 4, since: 0, expires: 15)
        #expect(LeaseDecision.decide(current: current, me: Self.first, mine: 4, now: Self.at(20), lease: Self.lease, mayAcquire: false) == .standby(leader: current))
        #expect(LeaseDecision.decide(current: current, me: Self.second, mine: nil, now: Self.at(20), lease: Self.lease, mayAcquire: false) == .standby(leader: current))
        guard case .renew = LeaseDecision.decide(current: current, me: Self.first, mine: 4, now: Self.at(5), lease: Self.lease, mayAcquire: false) else {
            Issue.record("expected a renewal")
            return
        }
    }
}
