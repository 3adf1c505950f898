/// Whether a sensor may be evaluated now: running, and its minimum interval since the last
/// recorded evaluation has passed (Dagster's `is_under_min_interval`). Errors count as
/// evaluations, so the interval doubles as a deterministic backoff for a failing command.
public enum SensorDue {
    public enum Decision: Sendable, Hashable {
        case due
        /// Too soon: the next evaluation is allowed at this instant. Nothing is recorded.
        case tooSoon(next: Timestamp)
        /// Stopped: not evaluated unless named with `--force`.
        case stopped
    }

    /// - Parameters:
    ///   - lastEvaluatedAt: when the last applied evaluation was recorded; nil before the first.
    ///   - force: evaluate even when too soon or stopped (`sensor eval --force`).
    public static func decide(
        status: AutomationStatus, lastEvaluatedAt: Timestamp?, minimumInterval: Duration, now: Timestamp, force: Bool
    ) -> Decision {
        if force { return .due }
        guard status == .running else { return .stopped }
        guard let last = lastEvaluatedAt, let next = nextAllowed(after: last, minimumInterval: minimumInterval) else {
            return .due
        }
        return now < next ? .tooSoon(next: next) : .due
    }

    /// The first instant after `last` that respects the interval.
    public static func nextAllowed(after last: Timestamp?, minimumInterval: Duration) -> Timestamp? {
        guard let last else { return nil }
        let (seconds, attoseconds) = minimumInterval.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return Timestamp(microsecondsSinceEpoch: last.microsecondsSinceEpoch + micros)
    }
}
