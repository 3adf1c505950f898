import ArcoCore
import ArcoEngine

/// Lines sensor commands print for people.
enum SensorText {
    static func line(_ outcome: SensorEvalOutcome) -> String {
        var text = "\(outcome.sensor) \(outcome.status.rawValue)"
        if let id = outcome.evalID { text += " \(id)" }
        if outcome.duplicate { text += " (message already delivered; this is the original evaluation)" }
        for request in outcome.runRequests {
            let run = request.runID.map { "run \($0)" } ?? "a run"
            text += "\n  \(request.existing ? "existing" : "requested") \(run) (\(request.runKey))"
        }
        if let reason = outcome.reason { text += "\n  \(reason)" }
        if outcome.cursorAfter != outcome.cursorBefore { text += "\n  cursor: \(cursor(outcome.cursorAfter))" }
        return text
    }

    /// A cursor as one line: a sensor's cursor is whatever its command printed, newlines and
    /// terminal controls included, and it must not break the line it is shown in.
    static func cursor(_ cursor: String?) -> String {
        cursor.map(PrintableText.escapingControlCharacters) ?? "(none)"
    }
}
