/// Folds sensor events into `sensor_state` and `sensor_evals` under the compare-and-set rule of
/// `SensorCursorCAS`.
///
/// Every evaluation gets its row, so history shows the stale ones too; only an applied one moves
/// the cursor, the position, the last evaluation time and the version. An ERROR is applied with
/// its cursor unchanged (the engine records cursor_after = cursor_before), so it counts for the
/// minimum interval and keeps the cursor.
enum SensorFold {
    static func evaluated(_ body: SensorEvaluated, seq: Int64, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        var state = try writer.sensorState(body.sensor) ?? SensorStateRow(sensor: body.sensor)
        var row = SensorEvalRow(
            evalID: body.evalID, sensor: body.sensor, seq: seq, source: Self.source(body.trigger),
            messageID: Self.messageID(body.trigger), status: body.status, cursorBefore: body.cursorBefore,
            cursorAfter: body.cursorAfter, stateVersion: state.stateVersion, reason: body.message,
            runRequests: body.runRequests, payload: body.payload, evaluatedAt: Self.evaluatedAt(body.trigger, recordedAt: at))
        switch SensorCursorCAS.evaluation(expected: body.expectedStateVersion, current: state.stateVersion) {
        case .stale(let current):
            row.status = .skippedStaleCursor
            row.cursorAfter = body.cursorBefore
            row.runRequests = []
            row.reason = "state version is \(current), the evaluation read \(body.expectedStateVersion ?? 0)"
            try writer.insertSensorEval(row)
            return .applied
        case .apply:
            state.stateVersion += 1
            state.cursor = body.cursorAfter
            state.lastEvalID = body.evalID
            state.lastEvaluatedAt = row.evaluatedAt
            state.lastEvalStatus = body.status
            if case .asset(let through) = body.trigger { state.position = max(state.position, through) }
            row.stateVersion = state.stateVersion
            try writer.upsertSensorState(state)
            try writer.insertSensorEval(row)
            return .applied
        }
    }

    static func stateChanged(_ body: SensorStateChanged, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        var state = try writer.sensorState(body.sensor) ?? SensorStateRow(sensor: body.sensor)
        if case .stale(let current) = SensorCursorCAS.change(creating: body.stateVersion, current: state.stateVersion) {
            return .rejected("sensor '\(body.sensor)' is at state version \(current), not \(body.stateVersion - 1)")
        }
        state.status = body.status
        state.stateVersion = body.stateVersion
        try writer.upsertSensorState(state)
        return .applied
    }

    static func cursorSet(_ body: SensorCursorSet, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        var state = try writer.sensorState(body.sensor) ?? SensorStateRow(sensor: body.sensor)
        if case .stale(let current) = SensorCursorCAS.change(creating: body.stateVersion, current: state.stateVersion) {
            return .rejected("sensor '\(body.sensor)' is at state version \(current), not \(body.stateVersion - 1)")
        }
        state.cursor = body.cursor
        state.stateVersion = body.stateVersion
        try writer.upsertSensorState(state)
        return .applied
    }

    /// Why a sensor's `RunRequested` must not apply: its evaluation lost the compare-and-set.
    /// The engine never records such a request; this keeps a hand-made ledger honest too.
    static func dropReason(_ body: RunRequested, _ writer: some ProjectionWriter) throws -> String? {
        guard body.trigger.kind == .sensor, let evalID = body.trigger.reference,
            let eval = try writer.sensorEval(evalID), eval.status == .skippedStaleCursor
        else { return nil }
        return "sensor evaluation '\(evalID)' is SKIPPED_STALE_CURSOR; its run requests are dropped"
    }

    /// A poll is evaluated as of its poll second (`--now` when given), so the minimum interval is
    /// measured on the evaluation's clock and replays identically; the others when recorded.
    static func evaluatedAt(_ trigger: SensorTrigger, recordedAt: Timestamp) -> Timestamp {
        if case .poll(let epoch) = trigger { return Timestamp(secondsSinceEpoch: epoch) }
        return recordedAt
    }

    static func source(_ trigger: SensorTrigger) -> String {
        switch trigger {
        case .push: "push"
        case .poll: "poll"
        case .asset: "asset"
        }
    }

    static func messageID(_ trigger: SensorTrigger) -> String? {
        if case .push(let id) = trigger { return id }
        return nil
    }
}
