/// The backfill state machine: which transitions exist. `BackfillStateChanged` is the only way
/// a state changes, each change raising `state_version` by one.
public enum BackfillLifecycle {
    /// PENDING→RUNNING|PAUSED|CANCELED; RUNNING→PAUSED|SUCCEEDED|FAILED|CANCELED;
    /// PAUSED→RUNNING|CANCELED. SUCCEEDED, FAILED and CANCELED are final.
    public static func allows(_ from: BackfillState, _ to: BackfillState) -> Bool {
        switch (from, to) {
        case (.pending, .running), (.pending, .paused), (.pending, .canceled): return true
        case (.running, .paused), (.running, .succeeded), (.running, .failed), (.running, .canceled): return true
        case (.paused, .running), (.paused, .canceled): return true
        default: return false
        }
    }

    /// Whether no transition leaves `state`.
    public static func isFinal(_ state: BackfillState) -> Bool {
        state == .succeeded || state == .failed || state == .canceled
    }
}

extension BackfillState {
    /// Whether no transition leaves this state.
    public var isFinal: Bool { BackfillLifecycle.isFinal(self) }
}
