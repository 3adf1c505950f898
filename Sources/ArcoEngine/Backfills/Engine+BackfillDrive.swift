import ArcoCore
import ArcoStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What one driver pass found and did.
public struct BackfillPass: Sendable {
    /// The backfill after the pass.
    public var backfill: BackfillRow
    /// Runs this pass requested.
    public var requested: [RunID]
    /// The backfill's runs waiting for a worker (requested now or earlier).
    public var queued: [RunID]
    /// Runs of the backfill queued or executing.
    public var active: Int
}

extension Engine {
    /// The backfill's targets as its driver sees them: its selector resolved over the current
    /// definitions at the instant it was created.
    /// - Throws: exit 65 when arco.yaml no longer resolves to the targets it was created with,
    ///   rather than planning different partitions under the same chunk indexes.
    public func backfillPlan(_ backfill: BackfillRow) throws -> BackfillPlan {
        let definitions = try loadDefinitions()
        let assets = try backfillAssets(backfill.selection, definitions)
        let resolver = try backfillResolver(assets, definitions, now: backfill.createdAt)
        let selector: PartitionSelector
        do {
            selector = try PartitionSelector(json: try JSONParser.parse(backfill.selector))
        } catch {
            throw OperatorError(.ioError, "backfill '\(backfill.backfillID)' has an unreadable selector: \(error)")
        }
        let targets = try Self.resolving { () throws(BackfillError) in try resolver.resolve(assets, selector) }
        guard targets.total == Int(backfill.total) else {
            throw OperatorError(
                .dataError,
                "backfill '\(backfill.backfillID)' was created over \(backfill.total) partitions, "
                    + "but arco.yaml and its dynamic partitions now resolve it to \(targets.total)",
                hint: "restore the partitions definitions it was created with, or cancel it: `arco backfill cancel \(backfill.backfillID)`")
        }
        return BackfillPlan(backfillID: backfill.backfillID, targets: targets, resolver: resolver)
    }

    /// One pass: starts a PENDING backfill, then plans chunks, requests the runs that are ready
    /// and finishes the backfill when nothing is left, all in one transaction with the read it
    /// decides from (ADR 0010).
    public func advanceBackfill(_ id: BackfillID, plan: BackfillPlan) throws -> BackfillPass {
        let store = try store()
        let now = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction -> BackfillPass in
                guard var backfill = try transaction.reader.backfill(id) else {
                    throw OperatorError(.notFound, "no backfill '\(id)'", hint: "list them: `arco backfill list`")
                }
                if backfill.status == .pending {
                    let start = BackfillStateChanged(
                        backfillID: id, fromState: .pending, toState: .running, stateVersion: backfill.stateVersion + 1)
                    _ = try transaction.append([(EventDraft(start), environment.ids.makeEventID(at: now))], recordedAt: now)
                    backfill = try transaction.reader.backfill(id) ?? backfill
                }
                var unfinished = try transaction.reader.unfinishedBackfillPartitions(id)
                let decision = try Self.resolving { () throws(BackfillError) in
                    try BackfillDriverDecision.decide(backfill, plan: plan, unfinished: unfinished)
                }
                var drafts = decision.chunks.map { EventDraft($0) }
                var requested = [RunID]()
                for run in decision.runs {
                    let runID = environment.ids.makeRunID(at: now)
                    requested.append(runID)
                    drafts.append(EventDraft(Self.backfillRunRequest(run, runID: runID, backfill: id)))
                }
                if let finish = decision.finish {
                    drafts.append(EventDraft(BackfillStateChanged(
                        backfillID: id, fromState: .running, toState: finish,
                        stateVersion: backfill.stateVersion + 1,
                        reason: finish == .failed ? Self.failureReason(backfill, decision) : nil)))
                }
                if !drafts.isEmpty {
                    _ = try transaction.append(
                        drafts.map { ($0, environment.ids.makeEventID(at: now)) }, recordedAt: now)
                    backfill = try transaction.reader.backfill(id) ?? backfill
                    unfinished = try transaction.reader.unfinishedBackfillPartitions(id)
                }
                let queued = Set(unfinished.filter { $0.status == .queued }.compactMap(\.runID))
                let active = Set(unfinished.filter { $0.status.isActive }.compactMap(\.runID))
                return BackfillPass(backfill: backfill, requested: requested, queued: queued.sorted(), active: active.count)
            }
        }
    }

    /// Drives a backfill in this process until it ends (or is paused and its runs have ended):
    /// each requested run executes in its own worker process, so killing the driver leaves the
    /// runs in flight to finish and record their results. It also returns, the backfill still
    /// RUNNING, after the first pass once `stopReason` gives a reason (an interrupt), so the
    /// caller can say what stays in flight without ending its process (`arco shell` goes on).
    public func driveBackfill(
        _ id: BackfillID, stopReason: () -> String? = { nil }, progress: (BackfillPass) -> Void = { _ in }
    ) async throws -> BackfillRow {
        guard let row = try store().read({ try $0.backfill(id) }) else {
            throw OperatorError(.notFound, "no backfill '\(id)'", hint: "list them: `arco backfill list`")
        }
        let plan = try backfillPlan(row)
        // Held until this returns: `backfill status` reads it as "being driven".
        let driving = DriverLock.hold(DriverLock.path(for: id, in: workspace), in: workspace)
        defer { withExtendedLifetime(driving) {} }
        var spawned = Set<RunID>()
        var workers = [pid_t: RunID]()
        let clock = ContinuousClock()
        var lastReap = clock.now - .seconds(2)
        while true {
            // Lost workers are rare and noticed within a second; a pass per finished run need
            // not look for them every time.
            if clock.now - lastReap >= .seconds(1) {
                try reapLostRuns()
                lastReap = clock.now
            }
            let pass = try advanceBackfill(id, plan: plan)
            for runID in pass.queued where !spawned.contains(runID) {
                workers[try spawnWorker(for: runID, logName: id.rawValue)] = runID
                spawned.insert(runID)
            }
            progress(pass)
            let status = pass.backfill.status
            if status.isFinal || (status == .paused && pass.active == 0) || stopReason() != nil { return pass.backfill }
            let store = try store()
            for pid in await Self.waitForChildren(workers.count, upTo: .milliseconds(500)) {
                guard let runID = workers.removeValue(forKey: pid) else { continue }
                // A worker that died before claiming (busy store, out of memory) leaves its run
                // queued; the next pass starts another for it.
                let run = try mapStoreErrors { try store.read { try $0.run(runID) } }
                if let run, run.status == .queued, run.executions == 0 { spawned.remove(runID) }
            }
        }
    }

    /// Reaps this process's exited workers, returning as soon as one exits or `limit` passes.
    /// - Returns: the pids reaped.
    static func waitForChildren(_ count: Int, upTo limit: Duration) async -> [pid_t] {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var reaped = [pid_t]()
        while clock.now < deadline {
            var status: Int32 = 0
            while count > reaped.count {
                let pid = waitpid(-1, &status, WNOHANG)
                guard pid > 0 else { break }
                reaped.append(pid)
            }
            if !reaped.isEmpty { return reaped }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return reaped
    }

    static func backfillRunRequest(_ run: BackfillRunRequest, runID: RunID, backfill: BackfillID) -> RunRequested {
        let display = run.partitions.count > 1
            ? "\(run.partitions[0])...\(run.partitions[run.partitions.count - 1])" : run.partitions.first
        return RunRequested(
            runID: runID, runKey: run.runKey, fingerprint: SHA256Hex.digest(run.runKey.rawValue), selection: run.asset,
            tags: ["arco/backfill": backfill.rawValue], trigger: RunTrigger(kind: .backfill, reference: backfill.rawValue),
            steps: [run.step], partitions: display)
    }

    static func failureReason(_ backfill: BackfillRow, _ decision: BackfillDriverDecision) -> String {
        var parts = [String]()
        if backfill.failed > 0 { parts.append("\(backfill.failed) failed") }
        if backfill.canceled > 0 { parts.append("\(backfill.canceled) canceled") }
        if decision.blocked > 0 { parts.append("\(decision.blocked) never ran because a partition they read did not succeed") }
        return parts.joined(separator: ", ")
    }
}
