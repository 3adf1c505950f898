import ArcoCore
import Foundation

/// What `Engine.driveRun` reports as it goes, for a command to render.
public enum RunDriveEvent: Sendable {
    /// The run key already named this run: no other run is started.
    case existingRun(RunID)
    /// This process is about to execute the run.
    case executing(RunID)
    /// A step of the run executing here moved on (what `executeRun` reports).
    case step(RunProgress)
    /// This process stopped executing the run (it ended, or another process claimed it first).
    case executed(RunID)
    /// The run was queued for the background worker with this pid.
    case queued(RunID, workerPID: pid_t)
    /// Another process executes the run; this call waits for it to end.
    case waiting(RunID)
}

/// How `Engine.driveRun` left the run.
public struct RunDriveOutcome: Sendable {
    /// What was done with the reservation.
    public var decision: RunDriveDecision
    /// Whether the run key already named the run.
    public var existing: Bool
    /// The run as it stands now, and its steps.
    public var run: RunRow
    public var steps: [StepRow]
    /// Whether the run ended while driven (executed here or waited for), so its status is final
    /// and decides the exit code; false when it was only queued or reported.
    public var ended: Bool
}

extension Engine {
    /// Carries a reservation from `requestRun` or `requestRerun` through: executes the run here,
    /// queues it for a spawned worker (`detach`), waits for the process that owns it (`wait`),
    /// or only reports it, as `RunDriveDecision` decides. `arco run` and `arco rerun` render the
    /// events; schedules, sensors and the daemon call the same entry point.
    public func driveRun(
        _ reservation: RunReservation, detach: Bool, wait: Bool, options: ExecutionOptions,
        progress: @escaping @Sendable (RunDriveEvent) -> Void = { _ in }
    ) async throws -> RunDriveOutcome {
        let runID = reservation.runID
        if reservation.existing { progress(.existingRun(runID)) }
        let decision = RunDriveDecision.decide(
            existing: reservation.existing, shouldExecute: reservation.shouldExecute, detach: detach, wait: wait)
        var final: RunRow?
        switch decision {
        case .execute:
            CrashPoint.afterReserve.reach()
            progress(.executing(runID))
            final = try await executeRun(runID, options: options) { progress(.step($0)) }
            progress(.executed(runID))
            // nil: another process claimed the run first; its end is this run's end.
            if final == nil { final = try await waitForEnd(runID, progress) }
        case .spawnWorker(let thenWait):
            CrashPoint.afterQueue.reach()
            progress(.queued(runID, workerPID: try spawnWorker(for: runID)))
            if thenWait { final = try await waitForEnd(runID, progress) }
        case .wait:
            final = try await waitForEnd(runID, progress)
        case .report:
            break
        }
        let (run, steps) = try runDetail(runID)
        return RunDriveOutcome(
            decision: decision, existing: reservation.existing, run: run, steps: steps, ended: final != nil)
    }

    private func waitForEnd(_ runID: RunID, _ progress: (RunDriveEvent) -> Void) async throws -> RunRow {
        progress(.waiting(runID))
        return try await waitForRun(runID)
    }
}
