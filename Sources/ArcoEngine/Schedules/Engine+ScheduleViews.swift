import ArcoCore
import ArcoStore

/// One schedule as `schedule list` shows it.
public struct ScheduleListing: Sendable, Hashable {
    public var schedule: ScheduleDefinition
    /// The effective status and where it comes from.
    public var status: AutomationStatus
    public var statusSource: ScheduleStatusResolution.Source
    /// The newest recorded tick, with its run's status.
    public var lastTick: ScheduleTickOutcome?
    /// The next tick after `now` while running; nil while stopped.
    public var nextTick: ZonedTimestamp?
}

extension Engine {
    /// Every declared schedule with its status, newest tick and next tick after `now`.
    public func scheduleList(now: Timestamp? = nil) throws -> [ScheduleListing] {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let store = try store()
        return try mapStoreErrors {
            try store.read { reader in
                let states = try reader.scheduleStates()
                return try definitions.schedules.map { schedule in
                    let state = states[schedule.name.rawValue]
                    let (status, source) = ScheduleStatusResolution.resolve(declared: schedule.status, recorded: state?.status)
                    let ticks = ScheduleCadence.ticks(schedule)
                    var last: ScheduleTickOutcome?
                    if let id = state?.lastTickID, let row = try reader.scheduleTick(id) {
                        let runStatus = try row.runID.flatMap { try reader.run($0)?.status }
                        last = ScheduleTickOutcome(row, runStatus: runStatus).localized(ticks)
                    }
                    let next = status == .running ? ticks.flatMap { ticks in
                        ticks.next(after: now).map { Self.zoned($0, ticks) }
                    } : nil
                    return ScheduleListing(
                        schedule: schedule, status: status, statusSource: source, lastTick: last, nextTick: next)
                }
            }
        }
    }

    /// A schedule's recorded ticks, newest first. A schedule no longer declared still has its
    /// history while ticks of it are recorded.
    /// - Throws: exit 66 for a name neither declared nor ever ticked.
    public func scheduleHistory(_ name: String, status: TickStatus? = nil, limit: Int? = nil) throws
        -> [ScheduleTickOutcome]
    {
        let definitions = try loadDefinitions()
        let store = try store()
        let views = try mapStoreErrors { try store.read { try $0.scheduleTicks(name, status: status, limit: limit) } }
        if views.isEmpty, definitions.schedule(ScheduleName(name)) == nil {
            let any = try mapStoreErrors { try store.read { try $0.scheduleTicks(name, limit: 1) } }
            if any.isEmpty { throw Self.unknownSchedule(name, definitions) }
        }
        let ticks = definitions.schedule(ScheduleName(name)).flatMap(ScheduleCadence.ticks)
        return views.map { ScheduleTickOutcome($0.tick, runStatus: $0.runStatus).localized(ticks) }
    }

    /// The tick times `t` with `from ≤ t < until`, at most `count`, in the schedule's zone.
    /// - Throws: exit 66 for an unknown schedule.
    public func schedulePreview(_ name: String, from: Timestamp?, until: Timestamp?, count: Int) throws -> [ZonedTimestamp] {
        let definitions = try loadDefinitions()
        guard let schedule = definitions.schedule(ScheduleName(name)) else { throw Self.unknownSchedule(name, definitions) }
        guard let ticks = ScheduleCadence.ticks(schedule) else {
            throw OperatorError(
                .dataError, "schedule '\(name)' has time zone '\(schedule.timezone)', unknown on this machine",
                hint: "check the zone with `arco validate`")
        }
        let start = from ?? environment.clock.now()
        let end = until ?? Timestamp(microsecondsSinceEpoch: Int64.max)
        return ticks.ticks(from: start, until: end, limit: count).map { Self.zoned($0, ticks) }
    }

    /// An instant with the schedule zone's offset at that instant.
    static func zoned(_ instant: Timestamp, _ ticks: CronSchedule) -> ZonedTimestamp {
        ZonedTimestamp(instant: instant, utcOffsetSeconds: ticks.zone.offset(atSecond: instant.secondsSinceEpoch))
    }
}
