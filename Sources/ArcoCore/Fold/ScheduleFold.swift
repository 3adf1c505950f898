/// Folds schedule events into `schedule_state` and `schedule_ticks`.
///
/// Starts, stops and baselines carry the next version of their counter, so two racing changes
/// cannot both apply. A start or stop clears the baseline: the first evaluation after it sets a
/// new one, which is how a restarted schedule never runs the ticks it missed while stopped.
enum ScheduleFold {
    static func stateChanged(_ body: ScheduleStateChanged, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        var row = try writer.scheduleState(body.schedule) ?? ScheduleStateRow(schedule: body.schedule)
        guard body.stateVersion == row.stateVersion + 1 else {
            return .rejected("schedule '\(body.schedule)' is at state version \(row.stateVersion), not \(body.stateVersion - 1)")
        }
        row.status = body.status
        row.stateVersion = body.stateVersion
        row.baselineSince = nil
        row.baselineCadence = nil
        try writer.upsertScheduleState(row)
        return .applied
    }

    static func baselineSet(_ body: ScheduleBaselineSet, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        var row = try writer.scheduleState(body.schedule) ?? ScheduleStateRow(schedule: body.schedule)
        guard body.baselineVersion == row.baselineVersion + 1 else {
            return .rejected(
                "schedule '\(body.schedule)' is at baseline version \(row.baselineVersion), not \(body.baselineVersion - 1)")
        }
        row.baselineVersion = body.baselineVersion
        row.baselineSince = body.since
        row.baselineCadence = body.since == nil ? nil : body.cadence
        try writer.upsertScheduleState(row)
        return .applied
    }

    /// A tick's key is its id, so each tick folds once; the state keeps the newest tick, which
    /// is where the next evaluation continues from.
    static func ticked(_ body: ScheduleTicked, at: Timestamp, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        try writer.insertScheduleTick(ScheduleTickRow(
            tickID: body.tickID, schedule: body.schedule, scheduledFor: body.scheduledFor, status: body.status,
            runKey: body.runKey, runID: body.runID, reason: body.skipReason ?? body.error, recordedAt: at))
        var row = try writer.scheduleState(body.schedule) ?? ScheduleStateRow(schedule: body.schedule)
        if row.lastScheduledFor.map({ body.scheduledFor > $0 }) ?? true {
            row.lastTickID = body.tickID
            row.lastScheduledFor = body.scheduledFor
            row.lastTickStatus = body.status
            try writer.upsertScheduleState(row)
        }
        return .applied
    }
}
