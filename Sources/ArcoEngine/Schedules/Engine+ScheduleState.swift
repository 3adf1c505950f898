import ArcoCore
import ArcoStore

/// What `schedule start|stop` did.
public struct ScheduleStateChange: Sendable, Hashable {
    public var schedule: String
    /// The status the schedule now has.
    public var status: AutomationStatus
    /// False when it already had that status: nothing was recorded.
    public var changed: Bool
}

extension Engine {
    /// Records `ScheduleStateChanged` for a start or stop, unless the schedule already has that
    /// status (from the file or an earlier toggle). From then on the recorded status wins over
    /// the file's `status`. Either change clears the schedule's baseline, so the first
    /// evaluation after a start begins at that moment and runs nothing it missed while stopped.
    /// - Throws: exit 66 for an unknown schedule.
    public func setScheduleStatus(_ name: String, to status: AutomationStatus) throws -> ScheduleStateChange {
        let definitions = try loadDefinitions()
        guard let schedule = definitions.schedule(ScheduleName(name)) else { throw Self.unknownSchedule(name, definitions) }
        let store = try store()
        let now = environment.clock.now()
        let changed = try mapStoreErrors {
            try store.write { transaction -> Bool in
                let state = try transaction.reader.scheduleState(name) ?? ScheduleStateRow(schedule: name)
                let (current, _) = ScheduleStatusResolution.resolve(declared: schedule.status, recorded: state.status)
                guard current != status else { return false }
                let event = ScheduleStateChanged(schedule: name, status: status, stateVersion: state.stateVersion + 1)
                let result = try transaction.append(
                    [(EventDraft(event), environment.ids.makeEventID(at: now))], recordedAt: now)
                return result.outcomes.first == .applied
            }
        }
        return ScheduleStateChange(schedule: name, status: status, changed: changed)
    }
}
