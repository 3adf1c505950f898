import ArcoCore
import ArcoStore
import Foundation

/// What a worker pass did.
public struct WorkerPass: Sendable {
    /// Runs this worker executed to the end, with their final status.
    public var executed: [(RunID, RunStatus)]
    /// Runs marked lost before claiming.
    public var lost: [RunID]
    /// Backfills this worker could not drive, with why (each reported once).
    public var backfillErrors: [(BackfillID, OperatorError)] = []
}

extension Engine {
    /// Claims queued runs (or only `only`) and executes up to `maxRuns` of them at once, until
    /// none is left. Claims are atomic, so workers racing for one run never both execute it.
    /// Once `stopReason` returns a reason, no run is claimed and the active ones are canceled
    /// with it.
    public func workQueue(
        only: RunID? = nil, maxRuns: Int, stepConcurrency: Int, stopReason: @escaping @Sendable () -> String?,
        progress: @escaping @Sendable (RunID, RunProgress) -> Void = { _, _ in }
    ) async throws -> WorkerPass {
        // Runs execute in this process side by side: together they stay within its open-file
        // limit, whatever each was asked for.
        let (maxRuns, stepConcurrency) = ProcessLimits.openFiles().map {
            DescriptorBudget.split(runs: maxRuns, stepsPerRun: stepConcurrency, descriptorLimit: $0)
        } ?? (maxRuns, stepConcurrency)
        var pass = WorkerPass(executed: [], lost: [])
        let store = try store()
        var plans = [BackfillID: BackfillPlan]()
        var broken = Set<BackfillID>()
        try await withThrowingTaskGroup(of: (RunID?, RunStatus?).self) { group in
            var active = Set<RunID>()
            var ticking = false
            while stopReason() == nil {
                let candidates: [RunRow]
                // Processes die while a worker runs: judge them on every pass, not only the first.
                pass.lost += try reapLostRuns()
                // Detached backfills are driven here: their runs join the queue below.
                var backfilling = false
                if only == nil {
                    backfilling = try advanceBackfills(&plans, broken: &broken) { pass.backfillErrors.append(($0, $1)) }
                }
                if let only {
                    candidates = try mapStoreErrors { try store.read { try $0.run(only) } }.map { [$0] } ?? []
                } else {
                    let oldest = try mapStoreErrors {
                        try store.read { try $0.unclaimedRuns(limit: max(maxRuns * 2, ClaimOrder.window)) }
                    }
                    candidates = ClaimOrder.arranged(oldest, seed: UInt64(ProcessIdentity.pid))
                }
                var started = false
                for run in candidates where active.count < maxRuns && !active.contains(run.runID) {
                    guard run.executions == 0, run.status == .queued || run.status == .canceling else { continue }
                    // A foreground `arco run` is about to execute its own run; a worker takes it
                    // only once that process is gone, and only if a run key lets the request be
                    // repeated (a keyless one is canceled by `reapLostRuns` instead).
                    guard run.pid == nil || (run.runKey != nil && Self.isAbandoned(run)) else { continue }
                    if only != nil { CrashPoint.workerBeforeClaim.reach() }
                    active.insert(run.runID)
                    started = true
                    let options = ExecutionOptions(maxConcurrency: stepConcurrency, handlesSignals: false, stopReason: stopReason)
                    group.addTask {
                        let final = try await self.executeRun(run.runID, options: options) { progress(run.runID, $0) }
                        return (run.runID, final?.status)
                    }
                }
                if active.isEmpty && !started && !backfilling { break }
                if only == nil, active.count < maxRuns, !ticking {
                    // With room for more runs, look at the queue again every poll interval
                    // instead of waiting for an active run to end.
                    ticking = true
                    group.addTask {
                        try? await Task.sleep(for: Self.workerPollInterval)
                        return (nil, nil)
                    }
                }
                guard let (finished, status) = try await group.next() else { break }
                guard let runID = finished else {
                    ticking = false
                    continue
                }
                active.remove(runID)
                // nil: another worker claimed it first, which is the point of the atomic claim.
                if let status { pass.executed.append((runID, status)) }
                if only != nil { break }
            }
            while let (finished, status) = try await group.next() {
                if let runID = finished, let status { pass.executed.append((runID, status)) }
            }
        }
        return pass
    }

    /// One driver pass over every PENDING or RUNNING backfill, with plans kept between passes.
    /// A backfill that cannot be planned (arco.yaml changed under it) is reported once and left
    /// alone, so it never stops the worker from executing other runs.
    /// - Returns: whether a backfill still has work ahead of it.
    func advanceBackfills(
        _ plans: inout [BackfillID: BackfillPlan], broken: inout Set<BackfillID>,
        report: (BackfillID, OperatorError) -> Void,
        advanced: (_ before: BackfillRow, _ pass: BackfillPass) -> Void = { _, _ in }
    ) throws -> Bool {
        let store = try store()
        let open = try mapStoreErrors { try store.read { try $0.backfills(statuses: [.pending, .running]) } }
        var inProgress = false
        for backfill in open.reversed() where !broken.contains(backfill.backfillID) {
            do {
                let plan = try plans[backfill.backfillID] ?? backfillPlan(backfill)
                plans[backfill.backfillID] = plan
                let pass = try advanceBackfill(backfill.backfillID, plan: plan)
                advanced(backfill, pass)
                if !pass.backfill.status.isFinal { inProgress = true }
            } catch let error as OperatorError {
                // The store's passing states (busy, unreachable, full, fenced) say nothing about
                // the backfill: the caller waits them out or stops, and the backfill is driven
                // again once the store is back. Only a backfill that cannot be planned is set aside.
                guard error.storeCondition == nil else { throw error }
                broken.insert(backfill.backfillID)
                report(backfill.backfillID, error)
            }
        }
        return inProgress
    }
}
