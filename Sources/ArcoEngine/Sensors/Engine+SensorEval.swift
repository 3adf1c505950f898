import ArcoCore
import ArcoStore

extension Engine {
    /// Evaluates sensors (the named ones, or every running poll and asset sensor) at `now` and
    /// records each evaluation in its own transaction with its runs (`recordSensorDraft`). A poll
    /// sensor whose minimum interval has not passed is reported TOO_SOON and nothing is recorded,
    /// unless `force`. Then starts worker processes for queued sensor runs no worker has claimed.
    /// `arco sensor eval` renders the events; the daemon calls this same entry point.
    ///
    /// Safe to run concurrently: every evaluation carries the state version it read, and the fold
    /// applies only one evaluation per version; the others are SKIPPED_STALE_CURSOR.
    /// - Throws: exit 66 for an unknown sensor, 64 for a named push sensor.
    @discardableResult
    public func sensorEval(
        names: [String] = [], now: Timestamp? = nil, force: Bool = false, launch: SensorLaunch = .launch,
        progress: (SensorEvalEvent) -> Void = { _ in }
    ) throws -> SensorEvalReport {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let sensors = try Self.namedSensors(names, in: definitions)
        // Every named sensor is checked before any is evaluated: a usage error after some
        // evaluations were recorded would hide their results.
        if !names.isEmpty, let push = sensors.first(where: { if case .push = $0.kind { true } else { false } }) {
            let name = push.name.rawValue
            throw OperatorError(
                .usage, "sensor '\(name)' is a push sensor; it is evaluated when a message arrives",
                hint: "deliver a message: `arco sensor push \(name) --message-id ID --payload FILE`")
        }
        let store = try store()
        let states = try mapStoreErrors { try store.read { try $0.sensorStates() } }
        var report = SensorEvalReport()
        for sensor in sensors {
            let name = sensor.name.rawValue
            let state = states[name] ?? SensorStateRow(sensor: name)
            if case .push = sensor.kind { continue }
            let (status, _) = Self.sensorStatus(sensor, states[name])
            // --force evaluates a stopped sensor only when it is named: a bare `--force` means
            // "ignore the interval", not "run everything anyone ever stopped".
            if status == .stopped, !force || names.isEmpty {
                if !names.isEmpty { progress(.stopped(name)) }
                continue
            }
            guard let outcome = try evaluate(sensor, state: state, definitions: definitions, now: now, force: force) else {
                continue
            }
            report.evaluations.append(outcome)
            progress(.evaluated(outcome))
        }
        if launch == .launch {
            report.launched = try launchQueuedRuns(
                triggeredBy: .sensor, limit: Limits.sensorRunsInFlightMax, progress: { progress(.launched($0)) })
        }
        return report
    }

    /// One poll or asset sensor's evaluation; nil when an asset sensor has nothing new.
    private func evaluate(
        _ sensor: SensorDefinition, state: SensorStateRow, definitions: WorkspaceDefinitions, now: Timestamp, force: Bool
    ) throws -> SensorEvalOutcome? {
        let name = sensor.name.rawValue
        let evalID = makeSensorEvalID()
        let draft: SensorDraft
        switch sensor.kind {
        case .poll(let command, let interval, let timeout):
            let decision = SensorDue.decide(
                status: .running, lastEvaluatedAt: state.lastEvaluatedAt, minimumInterval: interval, now: now, force: force)
            if case .tooSoon(let next) = decision { return .tooSoon(name, state: state, next: next) }
            draft = try commandDraft(
                sensor, command: command, timeout: timeout, trigger: .poll(epochSeconds: now.secondsSinceEpoch),
                state: state, evalID: evalID, definitions: definitions, now: now)
        case .asset(let watch):
            guard let drafted = try assetDraft(sensor, watch: watch, state: state, evalID: evalID, definitions: definitions, now: now)
            else { return nil }
            draft = drafted
        case .push:
            return nil
        }
        if let row = try recordSensorDraft(draft, expected: state.stateVersion) {
            // A crash test stops here: recorded with its runs, no worker started yet; the next
            // evaluation (or push) must launch them, never request them again.
            CrashPoint.sensorAfterEval.reach()
            return SensorEvalOutcome(row)
        }
        // Another process recorded this very evaluation (same poll second and cursor) first.
        let store = try store()
        let current = try mapStoreErrors { try store.read { try $0.sensorState(name) } } ?? state
        return SensorEvalOutcome(
            sensor: name, evalID: nil, status: .skippedStaleCursor, cursorBefore: state.cursor,
            cursorAfter: current.cursor, stateVersion: current.stateVersion, runRequests: [],
            reason: "another evaluation from the same cursor was recorded first (\(current.lastEvalID ?? "unknown"))",
            evaluatedAt: nil)
    }
}
