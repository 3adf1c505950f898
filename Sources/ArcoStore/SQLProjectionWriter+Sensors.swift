import ArcoCore

/// The fold's writes to `sensor_state` and `sensor_evals`: a few rows per evaluation, so
/// neither buffered nor precompiled beside the run statements.
extension SQLProjectionWriter {
    static let sensorStateColumns = """
        sensor, status, state_version, cursor, last_eval_id, last_evaluated_at, last_eval_status, position
        """
    static let sensorEvalColumns = """
        eval_id, sensor, seq, source, message_id, status, cursor_before, cursor_after, state_version, reason, \
        run_requests, payload, evaluated_at
        """

    func sensorState(_ sensor: String) throws -> SensorStateRow? {
        let sql = "SELECT \(Self.sensorStateColumns) FROM \(ProjectionSQL.qualifier(schema))sensor_state WHERE sensor = ?"
        return try session.row(sql, [sensor]).map(Self.sensorStateRow)
    }

    func upsertSensorState(_ row: SensorStateRow) throws {
        let sql = """
            INSERT INTO \(ProjectionSQL.qualifier(schema))sensor_state (\(Self.sensorStateColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
            ON CONFLICT(sensor) DO UPDATE SET \
            \(ProjectionSQL.updateAssignments(Self.sensorStateColumns, key: ["sensor"]))
            """
        try session.executeDeferred(sql, [
            row.sensor, row.status?.rawValue, row.stateVersion, row.cursor, row.lastEvalID, row.lastEvaluatedAt?.iso8601,
            row.lastEvalStatus?.rawValue, row.position,
        ])
    }

    func sensorEval(_ evalID: String) throws -> SensorEvalRow? {
        let sql = "SELECT \(Self.sensorEvalColumns) FROM \(ProjectionSQL.qualifier(schema))sensor_evals WHERE eval_id = ?"
        return try session.row(sql, [evalID]).map(Self.sensorEvalRow)
    }

    func insertSensorEval(_ row: SensorEvalRow) throws {
        let sql = """
            INSERT INTO \(ProjectionSQL.qualifier(schema))sensor_evals (\(Self.sensorEvalColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        try session.executeDeferred(sql, [
            row.evalID, row.sensor, row.seq, row.source, row.messageID, row.status.rawValue, row.cursorBefore,
            row.cursorAfter, row.stateVersion, row.reason, SensorRunRequest.encodeList(row.runRequests),
            row.payload.map(SensorEvaluated.encodePayload), row.evaluatedAt.iso8601,
        ])
    }

    static func sensorStateRow(_ row: SQLRow) throws -> SensorStateRow {
        SensorStateRow(
            sensor: row[0],
            status: try (row[1] as String?).map {
                try ProjectionRowCoding.value($0, table: "sensor_state", column: "status")
            },
            stateVersion: row[2], cursor: row[3], lastEvalID: row[4],
            lastEvaluatedAt: ProjectionRowCoding.optionalTimestamp(row[5]),
            lastEvalStatus: try (row[6] as String?).map {
                try ProjectionRowCoding.value($0, table: "sensor_state", column: "last_eval_status")
            },
            position: row[7])
    }

    static func sensorEvalRow(_ row: SQLRow) throws -> SensorEvalRow {
        let requests: String = row[10]
        guard let runRequests = SensorRunRequest.decodeList(requests) else {
            throw StoreError.unknownValue(table: "sensor_evals", column: "run_requests", value: String(requests.prefix(40)))
        }
        return SensorEvalRow(
            evalID: row[0], sensor: row[1], seq: row[2], source: row[3], messageID: row[4],
            status: try ProjectionRowCoding.value(row[5], table: "sensor_evals", column: "status"),
            cursorBefore: row[6], cursorAfter: row[7], stateVersion: row[8], reason: row[9], runRequests: runRequests,
            payload: (row[11] as String?).flatMap(SensorEvaluated.decodePayload),
            evaluatedAt: ProjectionRowCoding.timestamp(row[12]))
    }
}
