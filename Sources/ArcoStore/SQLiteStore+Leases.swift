import ArcoCore
import GRDB

extension SQLiteStore {
    /// Takes or renews the lease `name` for `me`, or notes `me` as a standby, in one
    /// `BEGIN IMMEDIATE` transaction: two daemons deciding at once are serialized by SQLite's
    /// write lock, so only one of them can see the lapsed row and take it. Not fenced: it is how
    /// a deposed or new daemon asks.
    /// - Parameters:
    ///   - mine: the token the caller believes it leads under (`LeaseDecision.decide`).
    ///   - mayAcquire: false while the caller is in the middle of work decided under its previous
    ///     tenure (`LeaseDecision.decide`).
    /// - Returns: the decision as applied.
    public func takeLease(
        _ name: String, for me: LeaseHolder, mine: Int64?, now: Timestamp, lease: Duration, mayAcquire: Bool = true
    ) throws -> LeaseDecision {
        try write(fence: nil) { transaction in
            let db = transaction.db
            let current = try StoreReader(db: db).lease(name)
            let decision = LeaseDecision.decide(
                current: current, me: me, mine: mine, now: now, lease: lease, mayAcquire: mayAcquire)
            // A standby killed without exiting leaves its row; three leases of silence say it is gone.
            let forgotten = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch - 3 * lease.microseconds)
            try db.execute(
                sql: "DELETE FROM lease_standbys WHERE name = ? AND seen_at < ?", arguments: [name, forgotten.iso8601])
            switch decision {
            case .acquire(let lease), .renew(let lease):
                try db.execute(
                    sql: """
                        INSERT INTO leases (name, holder, host, pid, token, since, expires_at, renewed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, host = excluded.host,
                        pid = excluded.pid, token = excluded.token, since = excluded.since,
                        expires_at = excluded.expires_at, renewed_at = excluded.renewed_at
                        """,
                    arguments: [
                        name, lease.holder.id, lease.holder.host, lease.holder.pid, lease.token, lease.since.iso8601,
                        lease.expiresAt.iso8601, lease.renewedAt.iso8601,
                    ])
                try db.execute(sql: "DELETE FROM lease_standbys WHERE name = ? AND holder = ?", arguments: [name, me.id])
            case .standby:
                try db.execute(
                    sql: """
                        INSERT INTO lease_standbys (name, holder, host, pid, seen_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(name, holder) DO UPDATE SET seen_at = excluded.seen_at
                        """,
                    arguments: [name, me.id, me.host, me.pid, now.iso8601])
            }
            return decision
        }
    }

    /// Gives the lease up if `me` still holds it under `token`: it lapses at `now`, so a standby
    /// takes it on its next attempt. The row stays, so the next token is higher. Also forgets
    /// `me` as a standby.
    public func releaseLease(_ name: String, for me: LeaseHolder, token: Int64?, now: Timestamp) throws {
        try write(fence: nil) { transaction in
            if let token {
                try transaction.db.execute(
                    sql: "UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND token = ? AND expires_at > ?",
                    arguments: [now.iso8601, name, me.id, token, now.iso8601])
            }
            try transaction.db.execute(sql: "DELETE FROM lease_standbys WHERE name = ? AND holder = ?", arguments: [name, me.id])
        }
    }
}

extension StoreReader {
    /// The lease `name`, or nil when no daemon ever took it.
    public func lease(_ name: String) throws -> Lease? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM leases WHERE name = ?", arguments: [name]) else { return nil }
        return Lease(
            holder: LeaseHolder(id: row["holder"], host: row["host"], pid: row["pid"]), token: row["token"],
            since: ProjectionRowCoding.timestamp(row["since"]), expiresAt: ProjectionRowCoding.timestamp(row["expires_at"]),
            renewedAt: ProjectionRowCoding.timestamp(row["renewed_at"]))
    }

    /// Daemons seen waiting for the lease `name`, by holder id.
    public func leaseStandbys(_ name: String) throws -> [LeaseStandby] {
        try Row.fetchAll(db, sql: "SELECT * FROM lease_standbys WHERE name = ? ORDER BY holder", arguments: [name]).map { row in
            LeaseStandby(
                holder: LeaseHolder(id: row["holder"], host: row["host"], pid: row["pid"]),
                seenAt: ProjectionRowCoding.timestamp(row["seen_at"]))
        }
    }
}
