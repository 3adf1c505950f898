import ArcoCore
import ArcoEngine

/// The schedule objects of docs/json.md.
enum ScheduleJSON {
    /// A tick: `{"schedule", "tick_id", "scheduled_for", "status", "run_key", "run_id", "reason"}`,
    /// plus `"run_status"` where the run's status was read (history, list).
    static func tick(_ tick: ScheduleTickOutcome, withRunStatus: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "schedule": .string(tick.schedule), "tick_id": .string(tick.tickID),
            "scheduled_for": .string(tick.scheduledFor.iso8601), "status": .string(tick.status.rawValue),
            "run_key": .optional(tick.runKey?.rawValue), "run_id": .optional(tick.runID?.rawValue),
            "reason": .optional(tick.reason),
        ]
        if withRunStatus { object["run_status"] = .optional(tick.runStatus?.rawValue) }
        return .object(object)
    }

    /// A schedule in `schedule list --json`.
    static func listing(_ listing: ScheduleListing) -> JSONValue {
        [
            "name": .string(listing.schedule.name.rawValue),
            "cron": .array(listing.schedule.crons.map { .string($0.text) }),
            "timezone": .string(listing.schedule.timezone), "status": .string(listing.status.rawValue),
            "status_source": .string(listing.statusSource.rawValue),
            "last_tick": listing.lastTick.map { tick($0, withRunStatus: true) } ?? .null,
            "next_tick": .optional(listing.nextTick?.iso8601),
        ]
    }
}
