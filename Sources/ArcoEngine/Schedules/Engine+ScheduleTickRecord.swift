import ArcoCore
import ArcoStore

/// A tick's events before they are recorded.
struct DraftedTick {
    var ticked: ScheduleTicked
    /// The run it requests, if it is TRIGGERED.
    var request: RunRequested?
}

extension Engine {
    /// Decides what one due tick records: SKIPPED (catch-up said so, or no partition yet), FAILED
    /// (the target or partition cannot be resolved or planned now, e.g. an asset renamed in
    /// arco.yaml) or TRIGGERED with the planned run. Nothing is written here.
    func draftTick(_ schedule: ScheduleDefinition, _ due: ScheduleDueTicks.Due, definitions: WorkspaceDefinitions, now: Timestamp)
        throws -> DraftedTick
    {
        let name = schedule.name.rawValue
        let tick = due.scheduledFor
        if let reason = due.skipReason {
            return DraftedTick(ticked: ScheduleTicked(schedule: name, scheduledFor: tick, status: .skipped, skipReason: reason))
        }
        func failed(_ error: String) -> DraftedTick {
            DraftedTick(ticked: ScheduleTicked(schedule: name, scheduledFor: tick, status: .failed, error: error))
        }
        do {
            let partitions: PartitionRequest
            switch try schedulePartition(schedule, definitions: definitions, tick: tick) {
            case .skip(let reason):
                return DraftedTick(ticked: ScheduleTicked(schedule: name, scheduledFor: tick, status: .skipped, skipReason: reason))
            case .fail(let error): return failed(error)
            case .unpartitioned: partitions = .none
            case .key(let key): partitions = .key(key)
            }
            let probe = ScheduleTicked(schedule: name, scheduledFor: tick, status: .triggered)
            let runKey = RunKey("sched:\(name):\(tick.secondsSinceEpoch)")
            let options = RunRequestOptions(
                selection: [schedule.target], partitions: partitions, runKey: runKey.rawValue, tags: schedule.tags,
                trigger: RunTrigger(kind: .schedule, reference: probe.tickID), detached: true)
            // The run is planned as of the tick, so "latest" and the partitions that exist are
            // the tick's, whenever it is evaluated.
            let (request, _) = try preparedRequest(options, definitions: definitions, now: tick)
            return DraftedTick(
                ticked: ScheduleTicked(
                    schedule: name, scheduledFor: tick, status: .triggered, runKey: runKey, runID: request.runID),
                request: request)
        } catch let error as OperatorError {
            return failed(error.message)
        }
    }

    /// The partition a tick asks for, from the target's partitioned assets as of the tick.
    private func schedulePartition(_ schedule: ScheduleDefinition, definitions: WorkspaceDefinitions, tick: Timestamp)
        throws -> SchedulePartitionChoice
    {
        let assets: [AssetKey]
        do {
            assets = try AssetSelection.parse([schedule.target]).resolve(in: definitions)
        } catch {
            throw Self.selectionError(error)
        }
        guard case .latest = schedule.partition else {
            return SchedulePartitionChoice.choose(schedule.partition, partitioned: [], tick: tick)
        }
        var names: [String] = []
        for asset in assets {
            if let name = definitions.asset(asset)?.partitions?.rawValue, !names.contains(name) { names.append(name) }
        }
        let partitioned = try names.map { (name: $0, set: try partitionSet($0, in: definitions, now: tick)) }
        return SchedulePartitionChoice.choose(.latest, partitioned: partitioned, tick: tick)
    }

    /// Records a drafted tick if it is still due under the write lock, with its run unless the
    /// run key already names the same request (then the tick points at that run).
    /// - Returns: the tick as recorded, or nil when another process recorded it first.
    func recordTick(_ schedule: ScheduleDefinition, ticks: CronSchedule, _ drafted: DraftedTick, now: Timestamp) throws
        -> ScheduleTicked?
    {
        let store = try store()
        let recordedAt = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction -> ScheduleTicked? in
                let name = schedule.name.rawValue
                let state = try transaction.reader.scheduleState(name) ?? ScheduleStateRow(schedule: name)
                guard case .ticks(let due, _) = Self.decide(schedule, ticks: ticks, state: state, now: now),
                    due.contains(where: { $0.scheduledFor == drafted.ticked.scheduledFor })
                else { return nil }
                var ticked = drafted.ticked
                var drafts: [EventDraft] = []
                if let request = drafted.request, let key = request.runKey, let existing = try transaction.reader.runKey(key) {
                    if existing.fingerprint == request.fingerprint {
                        ticked.runID = existing.runID
                    } else {
                        ticked = ScheduleTicked(
                            schedule: name, scheduledFor: ticked.scheduledFor, status: .failed,
                            error: "run key '\(key)' already names run '\(existing.runID)' with a different request")
                    }
                } else if let request = drafted.request {
                    drafts.append(EventDraft(request))
                }
                drafts.insert(EventDraft(ticked), at: 0)
                let result = try transaction.append(
                    drafts.map { ($0, environment.ids.makeEventID(at: recordedAt)) }, recordedAt: recordedAt)
                return result.outcomes.first == .applied ? ticked : nil
            }
        }
    }

    /// Starts a worker for each queued schedule run no process has claimed, while fewer than
    /// `Limits.scheduleRunsInFlightMax` schedule runs execute (`launchQueuedRuns`).
    /// - Parameter schedules: only runs of these schedules (a `tick` that named some leaves the
    ///   others' runs alone); nil for every schedule.
    func launchQueuedScheduleRuns(of schedules: Set<String>?, _ progress: (ScheduleTickEvent) -> Void) throws -> [RunID] {
        // The trigger's reference is the tick id, `{schedule}:{epoch}`.
        try launchQueuedRuns(
            triggeredBy: .schedule, limit: Limits.scheduleRunsInFlightMax,
            wanted: { run in
                schedules.map { names in names.contains { run.trigger.reference?.hasPrefix($0 + ":") == true } } ?? true
            },
            progress: { progress(.launched($0)) })
    }
}
