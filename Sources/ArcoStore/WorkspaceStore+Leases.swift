import ArcoCore

extension WorkspaceStore {
    /// Takes or renews the lease `name` for `me`, or notes `me` as a standby, in one write
    /// transaction: two daemons deciding at once are serialized by the store's write lock
    /// (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's append lock), on one host or many, so only one of
    /// them can see the lapsed row and take it. Not fenced: it is how a deposed or new daemon asks.
    /// - Parameters:
    ///   - mine: the token the caller believes it leads under (`LeaseDecision.decide`).
    ///   - mayAcquire: false while the caller is in the middle of work decided under its previous
    ///     tenure (`LeaseDecision.decide`).
    /// - Returns: the decision as applied.
    public func takeLease(
        _ name: String, for me: LeaseHolder, mine: Int64?, now: Timestamp, lease: Duration, mayAcquire: Bool = true
    ) throws -> LeaseDecision {
        try unfencedWrite { transaction in
            let session = transaction.session
            let current = try transaction.reader.lease(name)
            let decision = LeaseDecision.decide(
                current: current, me: me, mine: mine, now: now, lease: lease, mayAcquire: mayAcquire)
            // A standby killed without exiting leaves its row; three leases of silence say it is gone.
            let forgotten = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch - 3 * lease.microseconds)
            try session.execute("DELETE FROM lease_standbys WHERE name = ? AND seen_at < ?", [name, forgotten.iso8601])
            switch decision {
            case .acquire(let lease), .renew(let lease):
                try session.execute(
                    """
                        INSERT INTO leases (name, holder, host, pid, token, since, expires_at, renewed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, host = excluded.host,
                        pid = excluded.pid, token = excluded.token, since = excluded.since,
                        expires_at = excluded.expires_at, renewed_at = excluded.renewed_at
                        """,
                    [
                        name, lease.holder.id, lease.holder.host, lease.holder.pid, lease.token, lease.since.iso8601,
                        lease.expiresAt.iso8601, lease.renewedAt.iso8601,
                    ])
                try session.execute("DELETE FROM lease_standbys WHERE name = ? AND holder = ?", [name, me.id])
            case .standby:
                try session.execute(
                    """
                        INSERT INTO lease_standbys (name, holder, host, pid, seen_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(name, holder) DO UPDATE SET seen_at = excluded.seen_at
                        """,
                    [name, me.id, me.host, me.pid, now.iso8601])
            }
            return decision
        }
    }

    /// Gives the lease up if `me` still holds it under `token`: it lapses at `now`, so a standby
    /// takes it on its next attempt. The row stays, so the next token is higher. Also forgets
    /// `me` as a standby.
    public func releaseLease(_ name: String, for me: LeaseHolder, token: Int64?, now: Timestamp) throws {
        try unfencedWrite { transaction in
            if let token {
                try transaction.session.execute(
                    "UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND token = ? AND expires_at > ?",
                    [now.iso8601, name, me.id, token, now.iso8601])
            }
            try transaction.session.execute("DELETE FROM lease_standbys WHERE name = ? AND holder = ?", [name, me.id])
        }
    }
}

extension StoreReader {
    /// The lease `name`, or nil when no daemon ever took it.
    public func lease(_ name: String) throws -> Lease? {
        let sql = "SELECT holder, host, pid, token, since, expires_at, renewed_at FROM leases WHERE name = ?"
        guard let row = try session.row(sql, [name]) else { return nil }
        return Lease(
            holder: LeaseHolder(id: row[0], host: row[1], pid: row[2]), token: row[3],
            since: ProjectionRowCoding.timestamp(row[4]), expiresAt: ProjectionRowCoding.timestamp(row[5]),
            renewedAt: ProjectionRowCoding.timestamp(row[6]))
    }

    /// Daemons seen waiting for the lease `name`, by holder id.
    public func leaseStandbys(_ name: String) throws -> [LeaseStandby] {
        let sql = "SELECT holder, host, pid, seen_at FROM lease_standbys WHERE name = ? ORDER BY holder"
        return try session.rows(sql, [name]).map { row in
            LeaseStandby(
                holder: LeaseHolder(id: row[0], host: row[1], pid: row[2]), seenAt: ProjectionRowCoding.timestamp(row[3]))
        }
    }
}
