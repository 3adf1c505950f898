import ArcoCore

/// The fold's writes to `schedule_state` and `schedule_ticks`. Schedules change a handful of
/// rows per tick, so they are neither buffered nor precompiled beside the run statements.
extension SQLProjectionWriter {
    static let scheduleStateColumns = """
        schedule, status, state_version, baseline_version, baseline_since, baseline_cadence, last_tick_id, \
        last_scheduled_for, last_tick_status
        """
    static let scheduleTickColumns = """
        tick_id, schedule, scheduled_for, scheduled_epoch, status, run_key, run_id, reason, recorded_at
        """

    func scheduleState(_ schedule: String) throws -> ScheduleStateRow? {
        let sql = "SELECT \(Self.scheduleStateColumns) FROM \(ProjectionSQL.qualifier(schema))schedule_state WHERE schedule = ?"
        return try session.row(sql, [schedule]).map(Self.scheduleStateRow)
    }

    func upsertScheduleState(_ row: ScheduleStateRow) throws {
        let sql = """
            INSERT INTO \(ProjectionSQL.qualifier(schema))schedule_state (\(Self.scheduleStateColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(schedule) DO UPDATE SET \
            \(ProjectionSQL.updateAssignments(Self.scheduleStateColumns, key: ["schedule"]))
            """
        try session.executeDeferred(sql, [
            row.schedule, row.status?.rawValue, row.stateVersion, row.baselineVersion, row.baselineSince?.iso8601,
            row.baselineCadence, row.lastTickID, row.lastScheduledFor?.iso8601, row.lastTickStatus?.rawValue,
        ])
    }

    func insertScheduleTick(_ row: ScheduleTickRow) throws {
        let sql = """
            INSERT INTO \(ProjectionSQL.qualifier(schema))schedule_ticks (\(Self.scheduleTickColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        try session.executeDeferred(sql, [
            row.tickID, row.schedule, row.scheduledFor.iso8601, row.scheduledFor.secondsSinceEpoch, row.status.rawValue,
            row.runKey?.rawValue, row.runID?.rawValue, row.reason, row.recordedAt.iso8601,
        ])
    }

    static func scheduleStateRow(_ row: SQLRow) throws -> ScheduleStateRow {
        ScheduleStateRow(
            schedule: row[0],
            status: try (row[1] as String?).map {
                try ProjectionRowCoding.value($0, table: "schedule_state", column: "status")
            },
            stateVersion: row[2], baselineVersion: row[3],
            baselineSince: ProjectionRowCoding.optionalTimestamp(row[4]), baselineCadence: row[5], lastTickID: row[6],
            lastScheduledFor: ProjectionRowCoding.optionalTimestamp(row[7]),
            lastTickStatus: try (row[8] as String?).map {
                try ProjectionRowCoding.value($0, table: "schedule_state", column: "last_tick_status")
            })
    }

    static func scheduleTickRow(_ row: SQLRow) throws -> ScheduleTickRow {
        ScheduleTickRow(
            tickID: row[0], schedule: row[1], scheduledFor: ProjectionRowCoding.timestamp(row[2]),
            status: try ProjectionRowCoding.value(row[4], table: "schedule_ticks", column: "status"),
            runKey: (row[5] as String?).map(RunKey.init), runID: (row[6] as String?).map(RunID.init), reason: row[7],
            recordedAt: ProjectionRowCoding.timestamp(row[8]))
    }
}
