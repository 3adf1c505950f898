import ArcoCore

/// The last daemon pass, as `arco daemon status` shows it.
public struct DaemonPassRow: Sendable, Hashable {
    /// Who ran it.
    public var holderID: String
    /// Under which token.
    public var token: Int64
    /// When it began and ended, by the daemon's clock.
    public var startedAt: Timestamp
    /// When it ended.
    public var finishedAt: Timestamp
    /// What each part did, as canonical JSON (an object keyed by part).
    public var summary: String

    /// Creates a row.
    public init(holderID: String, token: Int64, startedAt: Timestamp, finishedAt: Timestamp, summary: String) {
        self.holderID = holderID
        self.token = token
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.summary = summary
    }
}

extension WorkspaceStore {
    /// Records the last pass of the daemon leading `name`. Fenced like every daemon write.
    public func recordDaemonPass(_ name: String, _ pass: DaemonPassRow) throws {
        try write { transaction in
            _ = try transaction.session.execute(
                """
                    INSERT INTO daemon_passes (name, holder, token, started_at, finished_at, summary) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, token = excluded.token,
                    started_at = excluded.started_at, finished_at = excluded.finished_at, summary = excluded.summary
                    """,
                [
                    name, pass.holderID, pass.token, pass.startedAt.iso8601, pass.finishedAt.iso8601, pass.summary,
                ])
        }
    }
}

extension StoreReader {
    /// The last pass recorded under the lease `name`.
    public func daemonPass(_ name: String) throws -> DaemonPassRow? {
        let sql = "SELECT holder, token, started_at, finished_at, summary FROM daemon_passes WHERE name = ?"
        guard let row = try session.row(sql, [name]) else { return nil }
        return DaemonPassRow(
            holderID: row[0], token: row[1], startedAt: ProjectionRowCoding.timestamp(row[2]),
            finishedAt: ProjectionRowCoding.timestamp(row[3]), summary: row[4])
    }
}
