import ArcoCore
import ArcoStore

/// How `Engine.scheduleTick` treats the runs it requests.
public enum ScheduleLaunch: Sendable, Hashable {
    /// Start a worker process for each queued schedule run (the default).
    case launch
    /// Only queue them (`--no-launch`): a later `schedule tick`, or `arco worker`, runs them.
    case queueOnly
    /// Write nothing at all (`--dry-run`): report what would be recorded.
    case dryRun
}

extension Engine {
    /// Evaluates the due ticks of running schedules (all, or those named) at `now` and records
    /// each as its own transaction: `ScheduleTicked` and, when it requests a run, `RunRequested`
    /// under `sched:{schedule}:{epoch}`. Then starts worker processes for queued schedule runs
    /// no worker has claimed, which also repairs a tick whose launch a crash cut off. `arco
    /// schedule tick` renders the events; the daemon calls this same entry point.
    ///
    /// Safe to run concurrently: every decision is made again inside the write transaction that
    /// records it, so a tick another process recorded meanwhile is left alone.
    /// - Throws: exit 66 for an unknown schedule name.
    @discardableResult
    public func scheduleTick(
        names: [String] = [], now: Timestamp? = nil, launch: ScheduleLaunch = .launch,
        progress: (ScheduleTickEvent) -> Void = { _ in }
    ) throws -> ScheduleTickReport {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let schedules = try Self.namedSchedules(names, in: definitions)
        let store = try store()
        let states = try mapStoreErrors { try store.read { try $0.scheduleStates() } }
        var report = ScheduleTickReport()
        for schedule in schedules {
            let state = states[schedule.name.rawValue]
            let (status, _) = ScheduleStatusResolution.resolve(declared: schedule.status, recorded: state?.status)
            if status == .stopped, !names.isEmpty { progress(.stopped(schedule.name.rawValue)) }
            guard let ticks = ScheduleCadence.ticks(schedule) else { continue }
            let decision = ScheduleDueTicks.decide(
                schedule, ticks: ticks, status: status, progress: state?.progress ?? ScheduleProgress(), now: now)
            try handle(decision, schedule, ticks: ticks, definitions: definitions, now: now, launch: launch) {
                if case .ticked(let outcome) = $0 { report.ticks.append(outcome) }
                progress($0)
            }
        }
        if launch == .launch {
            report.launched = try launchQueuedScheduleRuns(of: names.isEmpty ? nil : Set(names), progress)
        }
        return report
    }

    /// Carries out one schedule's decision.
    private func handle(
        _ decision: ScheduleDueTicks.Decision, _ schedule: ScheduleDefinition, ticks: CronSchedule,
        definitions: WorkspaceDefinitions, now: Timestamp, launch: ScheduleLaunch, progress: (ScheduleTickEvent) -> Void
    ) throws {
        let name = schedule.name.rawValue
        switch decision {
        case .idle:
            return
        case .setBaseline(let reason):
            let recorded = try launch == .dryRun || recordBaseline(schedule, ticks: ticks, since: now, reason: reason, now: now)
            if recorded {
                progress(.baseline(name, since: now, reason: reason))
            }
        case .clearBaseline:
            let reason = "stopped in arco.yaml"
            let recorded = try launch == .dryRun || recordBaseline(schedule, ticks: ticks, since: nil, reason: reason, now: now)
            if recorded {
                progress(.baseline(name, since: nil, reason: reason))
            }
        case .ticks(let due, let deferred):
            for tick in due {
                let drafted = try draftTick(schedule, tick, definitions: definitions, now: now)
                if launch == .dryRun {
                    // No run exists to name: the id was drafted, never recorded.
                    var ticked = drafted.ticked
                    ticked.runID = nil
                    progress(.ticked(ScheduleTickOutcome(ticked).localized(ticks)))
                } else if let recorded = try recordTick(schedule, ticks: ticks, drafted, now: now) {
                    // A crash test stops here: the tick and its queued run are recorded, the
                    // worker not yet started; the next tick must launch it, not request again.
                    CrashPoint.scheduleAfterTick.reach()
                    progress(.ticked(ScheduleTickOutcome(recorded).localized(ticks)))
                }
            }
            if deferred > 0 { progress(.deferred(name, count: deferred)) }
        }
    }

    /// Records a baseline if the schedule still needs it under the write lock.
    /// - Returns: whether this call recorded it (false: another process did first).
    private func recordBaseline(
        _ schedule: ScheduleDefinition, ticks: CronSchedule, since: Timestamp?, reason: String, now: Timestamp
    ) throws -> Bool {
        let store = try store()
        let recordedAt = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction in
                let name = schedule.name.rawValue
                let state = try transaction.reader.scheduleState(name) ?? ScheduleStateRow(schedule: name)
                let decision = Self.decide(schedule, ticks: ticks, state: state, now: now)
                switch decision {
                case .setBaseline, .clearBaseline: break
                default: return false
                }
                let event = ScheduleBaselineSet(
                    schedule: name, since: since, cadence: since == nil ? nil : ScheduleCadence.key(schedule),
                    reason: reason, baselineVersion: state.baselineVersion + 1)
                let result = try transaction.append(
                    [(EventDraft(event), environment.ids.makeEventID(at: recordedAt))], recordedAt: recordedAt)
                return result.outcomes.first == .applied
            }
        }
    }

    /// The due-tick decision for a schedule as its state row stands.
    static func decide(_ schedule: ScheduleDefinition, ticks: CronSchedule, state: ScheduleStateRow, now: Timestamp)
        -> ScheduleDueTicks.Decision
    {
        let (status, _) = ScheduleStatusResolution.resolve(declared: schedule.status, recorded: state.status)
        return ScheduleDueTicks.decide(schedule, ticks: ticks, status: status, progress: state.progress, now: now)
    }
}
