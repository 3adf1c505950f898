/// What an evaluation records, from the command's answer (or its failure): status, cursor
/// after and reason. The cursor never moves on an ERROR (Dagster #6807 behaviour).
public enum SensorEvalDecision {
    public struct Result: Sendable, Hashable {
        public var status: SensorEvalStatus
        public var cursorAfter: String?
        public var reason: String?

        public init(status: SensorEvalStatus, cursorAfter: String?, reason: String?) {
            self.status = status
            self.cursorAfter = cursorAfter
            self.reason = reason
        }
    }

    /// A parsed answer: TRIGGERED with runs, SKIPPED with a skip reason, NO_NEW_DATA otherwise.
    /// A missing `cursor` keeps the cursor.
    public static func answered(_ answer: SensorAnswer, cursorBefore: String?) -> Result {
        let cursor = answer.cursor ?? cursorBefore
        if !answer.runRequests.isEmpty { return Result(status: .triggered, cursorAfter: cursor, reason: nil) }
        if let skip = answer.skipReason { return Result(status: .skipped, cursorAfter: cursor, reason: skip) }
        return Result(status: .noNewData, cursorAfter: cursor, reason: nil)
    }

    /// A failed evaluation: the cursor stays where it was.
    public static func failed(_ reason: String, cursorBefore: String?) -> Result {
        Result(status: .error, cursorAfter: cursorBefore, reason: reason)
    }
}
