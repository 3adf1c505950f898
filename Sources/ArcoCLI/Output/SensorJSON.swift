import ArcoCore
import ArcoEngine

/// The sensor objects of docs/json.md.
enum SensorJSON {
    /// An evaluation: `{"sensor", "eval_id", "status", "cursor_before", "cursor_after",
    /// "state_version", "run_requests": [{"run_key", "run_id", "existing"}], "reason",
    /// "evaluated_at"}`, plus `"duplicate"` for `sensor push`.
    static func evaluation(_ outcome: SensorEvalOutcome, withDuplicate: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "sensor": .string(outcome.sensor), "eval_id": .optional(outcome.evalID),
            "status": .string(outcome.status.rawValue), "cursor_before": .optional(outcome.cursorBefore),
            "cursor_after": .optional(outcome.cursorAfter), "state_version": .int(outcome.stateVersion),
            "run_requests": .array(outcome.runRequests.map { request in
                [
                    "run_key": .string(request.runKey.rawValue), "run_id": .optional(request.runID?.rawValue),
                    "existing": .bool(request.existing),
                ]
            }),
            "reason": .optional(outcome.reason), "evaluated_at": .optional(outcome.evaluatedAt?.iso8601),
        ]
        if withDuplicate { object["duplicate"] = .bool(outcome.duplicate) }
        return .object(object)
    }

    /// A sensor in `sensor list --json`.
    static func listing(_ listing: SensorListing) -> JSONValue {
        [
            "name": .string(listing.sensor.name.rawValue), "kind": .string(listing.sensor.kind.name),
            "target": .string(listing.sensor.target), "status": .string(listing.status.rawValue),
            "status_source": .string(listing.statusSource.rawValue), "cursor": .optional(listing.state.cursor),
            "state_version": .int(listing.state.stateVersion),
            "last_evaluation": listing.lastEvaluation.map { evaluation($0) } ?? .null,
            "next_evaluation": .optional(listing.nextAllowed?.iso8601),
        ]
    }

    /// `sensor cursor --json`.
    static func cursor(_ view: SensorCursorView) -> JSONValue {
        ["sensor": .string(view.sensor), "cursor": .optional(view.cursor), "state_version": .int(view.stateVersion)]
    }
}
