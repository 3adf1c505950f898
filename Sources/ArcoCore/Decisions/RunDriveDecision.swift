/// What `arco run` and `arco rerun` do with a reservation: execute the run here, hand it to a
/// background worker, wait for it, or only report it.
///
/// A pure function of the reservation and the two flags, so every combination is tested without
/// a store or a process (Tests/ArcoCoreTests/Decisions/RunDriveDecisionTests.swift).
public enum RunDriveDecision: Sendable, Equatable {
    /// Execute the run in this process (and wait for it if another process claims it first).
    case execute
    /// Queue the run for a spawned worker; wait for it to end when `thenWait`.
    case spawnWorker(thenWait: Bool)
    /// Another process owns the run: wait for it to end.
    case wait
    /// Nothing to do here: report the run as it stands.
    case report

    /// Decides what to do.
    /// - Parameters:
    ///   - existing: the run key already named this run.
    ///   - shouldExecute: this process may execute it (a new foreground run, or an abandoned one).
    ///   - detach: `--detach`: a background worker executes it.
    ///   - wait: `--wait`: wait for an existing run to end.
    public static func decide(existing: Bool, shouldExecute: Bool, detach: Bool, wait: Bool) -> RunDriveDecision {
        if shouldExecute && !detach { return .execute }
        // A new run, or an abandoned one under a repeated key: nobody else will execute it.
        if detach && (!existing || shouldExecute) { return .spawnWorker(thenWait: wait) }
        return wait ? .wait : .report
    }
}
