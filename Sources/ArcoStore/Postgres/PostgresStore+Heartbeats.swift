import ArcoCore

extension PostgresStore: HeartbeatStore {
    /// One autocommit upsert on the process's connection: no transaction, no append lock.
    public func recordHeartbeat(_ runID: RunID, host: String, pid: Int64, at: Timestamp) throws {
        _ = try withConnection { session in
            try session.execute(
                """
                INSERT INTO heartbeats (run_id, host, pid, beat_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, beat_at = excluded.beat_at
                """, [runID.rawValue, host, pid, at.iso8601])
        }
    }

    public func lastHeartbeat(_ runID: RunID) throws -> Timestamp? {
        try withConnection { session in
            try session.value("SELECT beat_at FROM heartbeats WHERE run_id = ?", [runID.rawValue], as: String.self)
                .flatMap(Timestamp.init(iso8601:))
        }
    }

    public func allHeartbeats() throws -> [RunID: Timestamp] {
        try withConnection { session in
            var beats = [RunID: Timestamp]()
            try session.forEachRow("SELECT run_id, beat_at FROM heartbeats", []) { row in
                let text: String = row[1]
                if let at = Timestamp(iso8601: text) { beats[RunID(row[0])] = at }
            }
            return beats
        }
    }

    public func removeHeartbeat(_ runID: RunID) throws {
        try withConnection { session in
            _ = try session.execute("DELETE FROM heartbeats WHERE run_id = ?", [runID.rawValue])
        }
    }
}
