import ArcoCore
import ArcoStore

extension Engine {
    /// Records a draft in one write transaction: `SensorEvaluated` carrying `expected` (the state
    /// version the evaluation read; nil for push) and, if the fold applied it, a `RunRequested`
    /// for each request whose run key is new. A key an earlier evaluation used names that run
    /// (`existing`), never a second one. A stale evaluation is recorded as SKIPPED_STALE_CURSOR
    /// without its runs.
    /// - Returns: the evaluation as folded, or nil when its idempotency key was already recorded
    ///   (another process made the same evaluation) or, for push, the message already was.
    func recordSensorDraft(_ draft: SensorDraft, expected: Int64?) throws -> SensorEvalRow? {
        let store = try store()
        let recordedAt = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction -> SensorEvalRow? in
                var evaluated = draft.evaluated
                evaluated.expectedStateVersion = expected
                // Another process recorded this very evaluation first: the same message, or the
                // same poll second and cursor. The gate would drop the event; its runs must not
                // be appended without it.
                if try transaction.reader.hasEvent(idempotencyKey: evaluated.idempotencyKey) { return nil }
                let state = try transaction.reader.sensorState(evaluated.sensor) ?? SensorStateRow(sensor: evaluated.sensor)
                let stale = SensorCursorCAS.evaluation(expected: expected, current: state.stateVersion) != .apply
                var toRequest: [RunRequested] = []
                if !stale {
                    for (index, request) in draft.requests.enumerated() where index < evaluated.runRequests.count {
                        if let key = request.runKey, let existing = try transaction.reader.runKey(key) {
                            evaluated.runRequests[index].runID = existing.runID
                            evaluated.runRequests[index].existing = true
                        } else {
                            evaluated.runRequests[index].runID = request.runID
                            toRequest.append(request)
                        }
                    }
                    // Dagster's rule: a tick whose every run key was already used requested
                    // nothing new, and says so, rather than reporting TRIGGERED.
                    if evaluated.status == .triggered, !evaluated.runRequests.isEmpty, toRequest.isEmpty {
                        evaluated.status = .skipped
                        evaluated.message = evaluated.message ?? "every run key was already requested; no new run"
                    }
                }
                let drafts = [EventDraft(evaluated)] + toRequest.map { EventDraft($0) }
                let result = try transaction.append(
                    drafts.map { ($0, environment.ids.makeEventID(at: recordedAt)) }, recordedAt: recordedAt)
                guard result.outcomes.first == .applied else { return nil }
                return try transaction.reader.sensorEval(evaluated.evalID)
            }
        }
    }

    /// A new evaluation id: `eval_{ULID}`, sorting by creation time.
    func makeSensorEvalID() -> String { environment.ids.makeID(prefix: "eval", at: environment.clock.now()) }
}
