import ArcoCore

/// An evaluation's events before they are recorded: `SensorEvaluated` (without the version it
/// read, set when recording) and the planned run of each of its requests, in request order.
struct SensorDraft {
    var evaluated: SensorEvaluated
    var requests: [RunRequested]

    /// An ERROR evaluation: no runs, cursor kept.
    static func failed(
        _ sensor: String, evalID: String, trigger: SensorTrigger, cursor: String?, reason: String, payload: [UInt8]? = nil
    ) -> SensorDraft {
        let result = SensorEvalDecision.failed(reason, cursorBefore: cursor)
        return SensorDraft(
            evaluated: SensorEvaluated(
                sensor: sensor, evalID: evalID, trigger: trigger, cursorBefore: cursor, cursorAfter: result.cursorAfter,
                expectedStateVersion: nil, status: .error, message: result.reason, payload: payload),
            requests: [])
    }
}
