/// The compare-and-set rule the fold applies to every sensor state change.
///
/// An evaluation carries the state version it read; it applies only if that version is still
/// current, so of two overlapping evaluations from one cursor only the first moves it, and the
/// other is recorded as SKIPPED_STALE_CURSOR with its runs dropped. A push evaluation carries no
/// version (messages are independent; the message id deduplicates them). Starts, stops and
/// cursor changes carry the version they create, which must be the next one.
public enum SensorCursorCAS {
    public enum Outcome: Sendable, Hashable {
        case apply
        case stale(current: Int64)
    }

    /// For an evaluation that read `expected` (nil: push, no check).
    public static func evaluation(expected: Int64?, current: Int64) -> Outcome {
        guard let expected, expected != current else { return .apply }
        return .stale(current: current)
    }

    /// For a change that creates version `version`.
    public static func change(creating version: Int64, current: Int64) -> Outcome {
        version == current + 1 ? .apply : .stale(current: current)
    }
}
