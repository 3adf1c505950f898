import ArcoCore

extension StoreReader {
    /// One sensor's recorded state.
    public func sensorState(_ sensor: String) throws -> SensorStateRow? {
        try SQLProjectionWriter(session).sensorState(sensor)
    }

    /// Every sensor's recorded state, by name: one query, however many sensors there are.
    public func sensorStates() throws -> [String: SensorStateRow] {
        let rows = try session.rows("SELECT \(SQLProjectionWriter.sensorStateColumns) FROM sensor_state")
        var states = [String: SensorStateRow]()
        for row in rows {
            let state = try SQLProjectionWriter.sensorStateRow(row)
            states[state.sensor] = state
        }
        return states
    }

    /// A recorded evaluation by id.
    public func sensorEval(_ evalID: String) throws -> SensorEvalRow? {
        try SQLProjectionWriter(session).sensorEval(evalID)
    }

    /// The evaluation a pushed message produced, if it was recorded. One message has one
    /// evaluation (its idempotency key), so no ORDER BY: with one, SQLite walks every evaluation
    /// of the sensor by seq instead of seeking the message (measured: quadratic pushes).
    public func sensorEval(sensor: String, messageID: String) throws -> SensorEvalRow? {
        let sql = """
            SELECT \(SQLProjectionWriter.sensorEvalColumns) FROM sensor_evals \
            WHERE sensor = ? AND message_id = ? LIMIT 1
            """
        return try session.row(sql, [sensor, messageID])
            .map(SQLProjectionWriter.sensorEvalRow)
    }

    /// A sensor's evaluations newest first, optionally of one status.
    public func sensorEvals(_ sensor: String, status: SensorEvalStatus? = nil, limit: Int? = nil) throws -> [SensorEvalRow] {
        var sql = "SELECT \(SQLProjectionWriter.sensorEvalColumns) FROM sensor_evals WHERE sensor = ?"
        var arguments: SQLArguments = [sensor]
        if let status {
            sql += " AND status = ?"
            arguments.append(status.rawValue)
        }
        sql += " ORDER BY seq DESC"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return try session.rows(sql, arguments).map(SQLProjectionWriter.sensorEvalRow)
    }

    /// Materializations of `assets` recorded after ledger seq `after`, oldest first: what an
    /// asset sensor has not handled yet.
    public func materializations(of assets: [String], after seq: Int64, limit: Int) throws
        -> [AssetSensorRequests.Materialization]
    {
        guard !assets.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: assets.count).joined(separator: ", ")
        var arguments = SQLArguments(assets.map(SQLValue.text))
        arguments += [seq, limit]
        return try session.rows(
            """
                SELECT seq, asset, partition_display FROM materializations \
                WHERE asset IN (\(marks)) AND seq > ? ORDER BY seq LIMIT ?
                """, arguments
        ).map { AssetSensorRequests.Materialization(seq: $0[0], asset: $0[1], partition: $0[2]) }
    }
}

extension StoreReader {
    /// Whether the ledger holds an event with this idempotency key (one seek of its unique
    /// index): lets a writer decide before appending a batch whose first event may be a
    /// duplicate, instead of appending it alone first.
    public func hasEvent(idempotencyKey key: IdempotencyKey) throws -> Bool {
        try session.row("SELECT 1 FROM events WHERE idempotency_key = ?", [key.rawValue]) != nil
    }
}
