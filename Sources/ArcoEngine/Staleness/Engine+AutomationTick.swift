import ArcoCore
import ArcoStore

/// What `arco reconcile tick` did.
public struct AutomationTick: Sendable {
    /// The evaluation, as recorded (or as it would be with `--dry-run`).
    public var evaluation: AutomationEvaluated
    /// Requests left for the next tick because the per-evaluation cap was reached.
    public var deferred: Int
}

extension Engine {
    /// Evaluates every `automation:` condition at `now`, requests the runs they ask for (queued
    /// for worker processes, under `automation:` run keys, at most `maxRuns`), and records the
    /// evaluation as `AutomationEvaluated`. The daemon calls this same entry point.
    public func automationTick(now: Timestamp? = nil, dryRun: Bool = false, maxRuns: Int = Limits.automationRunsPerTick)
        throws -> AutomationTick
    {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        var snapshot = try automationSnapshot(definitions, now: now)
        var results: [AutomationResult] = []
        var requests = AutomationRequests(budget: maxRuns, cap: maxRuns, dryRun: dryRun)
        for asset in snapshot.automated {
            guard let policy = definitions.automation[asset], definitions.asset(asset) != nil else { continue }
            let outcome = AutomationDecision.decide(snapshot.inputs(asset, policy: policy), now: now)
            var skipReason = outcome.skipReason
            let requested = try requestAutomationRuns(asset, outcome.requests, into: &requests, skipReason: &skipReason)
            results.append(AutomationResult(
                asset: asset.rawValue, condition: policy.condition.text, requested: requested, skipReason: skipReason))
        }
        let evaluation = AutomationEvaluated(evaluatedAt: now, results: results)
        if !dryRun { _ = try record([EventDraft(evaluation)]) }
        return AutomationTick(evaluation: evaluation, deferred: requests.deferred)
    }

    /// Reads, in one transaction, what the conditions of the automated assets look at.
    private func automationSnapshot(_ definitions: WorkspaceDefinitions, now: Timestamp) throws -> AutomationSnapshot {
        let automated = definitions.assetOrder.filter { definitions.automation[$0] != nil }
        var snapshot = AutomationSnapshot(
            automated: automated,
            evaluator: StalenessEvaluator(
                definitions: definitions, selection: automated, sets: try stalenessSets(definitions, automated, now: now),
                now: now, collectWaits: true))
        let readers = Set(automated.flatMap { definitions.asset($0)?.dependencies.map(\.asset) ?? [] })
        let store = try store()
        try mapStoreErrors {
            try store.read { reader in
                for asset in snapshot.evaluator.order {
                    let assetFacts = try reader.stalenessFacts(asset)
                    let keep = definitions.automation[asset] != nil || readers.contains(asset)
                    if keep { snapshot.facts[asset] = assetFacts }
                    snapshot.evaluator.evaluate(asset, facts: assetFacts) { row in
                        if keep { snapshot.rows[asset, default: []].append(row) }
                    }
                    if definitions.automation[asset] != nil {
                        snapshot.attempts[asset] = try Self.attempts(reader, asset)
                        snapshot.candidates[asset] = snapshot.evaluator.keys(of: asset).latestWindow
                    }
                }
            }
        }
        return snapshot
    }

    /// Requests an asset's runs, skipping keys an earlier tick used and deferring what the cap
    /// leaves no room for (said in the skip reason).
    private func requestAutomationRuns(
        _ asset: AssetKey, _ wanted: [AutomationDecision.Request], into requests: inout AutomationRequests,
        skipReason: inout String?
    ) throws -> [AutomationRequested] {
        let store = try store()
        var requested: [AutomationRequested] = []
        for request in wanted {
            // A key that already names a run was handled by an earlier tick: it neither spends
            // the cap nor is requested again.
            if try mapStoreErrors({ try store.read { try $0.runKey(RunKey(request.runKey)) } }) != nil { continue }
            guard requests.budget > 0 else {
                requests.deferred += 1
                skipReason = [skipReason, "run cap of \(requests.cap) reached; the rest waits for the next tick"]
                    .compactMap { $0 }.joined(separator: "; ")
                continue
            }
            requests.budget -= 1
            guard !requests.dryRun else {
                requested.append(AutomationRequested(partition: request.partition, runKey: request.runKey, runID: nil))
                continue
            }
            let reservation = try requestRun(RunRequestOptions(
                selection: [asset.rawValue], partitions: request.partition.map(PartitionRequest.key) ?? .none,
                runKey: request.runKey, trigger: RunTrigger(kind: .reconcile, reference: "automation"),
                detached: true))
            // A new run, or an abandoned one under the same key: a worker process executes it.
            let decision = RunDriveDecision.decide(
                existing: reservation.existing, shouldExecute: reservation.shouldExecute, detach: true, wait: false)
            if decision == .spawnWorker(thenWait: false) { try spawnWorker(for: reservation.runID) }
            requested.append(AutomationRequested(
                partition: request.partition, runKey: request.runKey, runID: reservation.runID))
        }
        return requested
    }
}

/// The run budget of one tick, spent across its assets in order.
private struct AutomationRequests {
    var budget: Int
    let cap: Int
    let dryRun: Bool
    var deferred = 0
}

/// What one automation tick read: the evaluator over the automated assets and what they read,
/// and per asset its verdict rows, facts, attempts and candidate partitions.
private struct AutomationSnapshot {
    let automated: [AssetKey]
    var evaluator: StalenessEvaluator
    var rows: [AssetKey: [StalenessRow]] = [:]
    var facts: [AssetKey: [String: PartitionFacts]] = [:]
    var attempts: [AssetKey: [String: PartitionAttempt]] = [:]
    var candidates: [AssetKey: Set<String>?] = [:]

    /// The decision's inputs for one asset. What a partition reads goes through the same
    /// mappings staleness uses: by upstream asset, each mapped upstream partition's facts (nil
    /// when never materialized).
    mutating func inputs(_ asset: AssetKey, policy: AutomationPolicy) -> AutomationDecision.Inputs {
        let list = evaluator.keys(of: asset)
        let reads = evaluator.upstreamReads(of: asset).map { read in (read, evaluator.keys(of: read.upstream).keys) }
        let facts = facts
        func upstreamFacts(_ partition: String?) -> [(AssetKey, [PartitionFacts?])] {
            guard let position = list.position(of: partition) else { return [] }
            return reads.map { read, keys in
                (read.upstream, read.positions(of: position).map { facts[read.upstream]?[keys[$0] ?? ""] })
            }
        }
        return AutomationDecision.Inputs(
            asset: asset, policy: policy, rows: rows[asset] ?? [], candidates: candidates[asset] ?? nil,
            inProgress: Set((attempts[asset] ?? [:]).filter { $0.value.inProgressRunID != nil }.keys),
            // Dagster's `any_deps_missing`: some partition it reads was never materialized.
            upstreamMissing: { partition in upstreamFacts(partition).contains { $0.1.contains { $0 == nil } } },
            materializedAt: { partition in facts[asset]?[partition ?? ""]?.materializedAt },
            // `all_deps_updated_since_cron`: every asset it reads has a partition it reads
            // materialized since the tick.
            upstreamUpdated: { partition, tick in
                upstreamFacts(partition).allSatisfy { _, mapped in
                    mapped.isEmpty || mapped.contains { ($0?.materializedAt).map { $0 >= tick } ?? false }
                }
            })
    }
}
