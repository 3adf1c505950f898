/// How a backfill's targets read to an operator once it can no longer run them.
///
/// The driver ends a backfill FAILED only when every target still without a run reads, directly
/// or not, one that failed or was canceled (`BackfillDriverDecision`): those targets are
/// blocked, not "remaining". A CANCELED backfill's targets without a run were never run. Derived
/// from the row alone, so the projection needs no status of its own for them.
extension BackfillRow {
    /// Targets that never ran because a target they read did not succeed.
    public var blocked: Int64 { status == .failed ? pending : 0 }

    /// Targets the cancel left without a run.
    public var notRun: Int64 { status == .canceled ? pending : 0 }

    /// Targets still to be requested while the backfill can go on.
    public var remaining: Int64 { status.isFinal ? 0 : pending }
}

extension BackfillPartitionRow {
    /// The status shown for this target of a backfill in `backfill`: `BLOCKED` for a target a
    /// FAILED backfill never ran, the recorded status otherwise.
    public func shownStatus(in backfill: BackfillState) -> String {
        status == .pending && backfill == .failed ? "BLOCKED" : status.rawValue
    }
}
