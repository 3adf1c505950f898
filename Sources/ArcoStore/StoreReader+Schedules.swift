import ArcoCore

/// A recorded tick with the status of the run it requested, as `schedule history` shows it.
public struct ScheduleTickView: Sendable, Hashable {
    public var tick: ScheduleTickRow
    /// The requested run's status now; nil when the tick requested none.
    public var runStatus: RunStatus?
}

extension StoreReader {
    /// One schedule's recorded state.
    public func scheduleState(_ schedule: String) throws -> ScheduleStateRow? {
        try SQLProjectionWriter(session).scheduleState(schedule)
    }

    /// Every schedule's recorded state, by name: one query, however many schedules there are.
    public func scheduleStates() throws -> [String: ScheduleStateRow] {
        let rows = try session.rows("SELECT \(SQLProjectionWriter.scheduleStateColumns) FROM schedule_state")
        var states = [String: ScheduleStateRow]()
        for row in rows {
            let state = try SQLProjectionWriter.scheduleStateRow(row)
            states[state.schedule] = state
        }
        return states
    }

    /// A recorded tick by id.
    public func scheduleTick(_ tickID: String) throws -> ScheduleTickRow? {
        try session.row(
            "SELECT \(SQLProjectionWriter.scheduleTickColumns) FROM schedule_ticks WHERE tick_id = ?",
            [tickID]
        ).map(SQLProjectionWriter.scheduleTickRow)
    }

    /// A schedule's ticks newest first, optionally of one status, with their runs' statuses.
    public func scheduleTicks(_ schedule: String, status: TickStatus? = nil, limit: Int? = nil) throws
        -> [ScheduleTickView]
    {
        let columns = SQLProjectionWriter.scheduleTickColumns.split(separator: ",")
            .map { "t." + $0.filter { $0 != " " && $0 != "\n" } }.joined(separator: ", ")
        var sql = """
            SELECT \(columns), r.status FROM schedule_ticks t LEFT JOIN runs r ON r.run_id = t.run_id \
            WHERE t.schedule = ?
            """
        var arguments: SQLArguments = [schedule]
        if let status {
            sql += " AND t.status = ?"
            arguments.append(status.rawValue)
        }
        sql += " ORDER BY t.scheduled_epoch DESC"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return try session.rows(sql, arguments).map { row in
            ScheduleTickView(
                tick: try SQLProjectionWriter.scheduleTickRow(row),
                runStatus: try (row[9] as String?).map { try ProjectionRowCoding.value($0, table: "runs", column: "status") })
        }
    }
}

extension StoreReader {
    /// Queued schedule runs no process has claimed or reserved, oldest first.
    public func unclaimedScheduleRuns(limit: Int) throws -> [RunRow] {
        try unclaimedRuns(triggeredBy: .schedule, limit: limit)
    }

    /// How many schedule runs a process is executing now.
    public func scheduleRunsInFlight() throws -> Int { try runsInFlight(triggeredBy: .schedule) }

    /// Queued runs of one trigger kind that no process has claimed or reserved, oldest first:
    /// what schedules and sensors start workers for.
    public func unclaimedRuns(triggeredBy kind: RunTrigger.Kind, limit: Int) throws -> [RunRow] {
        try session.rows(
            """
                SELECT \(ProjectionSQL.runColumns) FROM runs WHERE status = 'QUEUED' AND executions = 0 \
                AND trigger_kind = ? AND pid IS NULL ORDER BY requested_seq LIMIT ?
                """, [kind.rawValue, limit]
        ).map(ProjectionRowCoding.runRow)
    }

    /// How many runs of one trigger kind a process is executing now.
    public func runsInFlight(triggeredBy kind: RunTrigger.Kind) throws -> Int {
        try session.value(
            """
                SELECT count(*) FROM runs WHERE status IN ('STARTING', 'STARTED', 'CANCELING') \
                AND trigger_kind = ?
                """, [kind.rawValue]) ?? 0
    }
}
