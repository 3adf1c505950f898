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
    /// The most runs one evaluation requests unless told otherwise: a safety lever against a
    /// definition change that makes everything stale at once.
    public static let automationRunCap = 25

    /// Evaluates every `automation:` condition at `now`, requests the runs they ask for (queued
    /// for worker processes, under `automation:` run keys, at most `maxRuns`), and records the
    /// evaluation as `AutomationEvaluated`. The daemon calls this same entry point.
    public func automationTick(now: Timestamp? = nil, dryRun: Bool = false, maxRuns: Int = automationRunCap)
        throws -> AutomationTick
    {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let automated = definitions.assetOrder.filter { definitions.automation[$0] != nil }
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: automated, sets: try stalenessSets(definitions, automated, now: now), now: now,
            collectWaits: true)
        let readers = Set(automated.flatMap { definitions.asset($0)?.dependencies.map(\.asset) ?? [] })
        var rows: [AssetKey: [StalenessRow]] = [:]
        var facts: [AssetKey: [String: PartitionFacts]] = [:]
        var attempts: [AssetKey: [String: PartitionAttempt]] = [:]
        var candidates: [AssetKey: Set<String>?] = [:]
        let store = try store()
        try mapStoreErrors {
            try store.read { reader in
                for asset in evaluator.order {
                    let assetFacts = try reader.stalenessFacts(asset)
                    let keep = definitions.automation[asset] != nil || readers.contains(asset)
                    if keep { facts[asset] = assetFacts }
                    evaluator.evaluate(asset, facts: assetFacts) { row in
                        if keep { rows[asset, default: []].append(row) }
                    }
                    if definitions.automation[asset] != nil {
                        attempts[asset] = try Self.attempts(reader, asset)
                        candidates[asset] = evaluator.keys(of: asset).latestWindow
                    }
                }
            }
        }
        var results: [AutomationResult] = []
        var budget = maxRuns
        var deferred = 0
        for asset in automated {
            guard let policy = definitions.automation[asset], definitions.asset(asset) != nil else { continue }
            // What a partition reads, through the same mappings staleness uses: by upstream asset,
            // each mapped upstream partition's facts (nil when never materialized).
            let list = evaluator.keys(of: asset)
            let reads = evaluator.upstreamReads(of: asset).map { read in
                (read, evaluator.keys(of: read.upstream).keys)
            }
            func upstreamFacts(_ partition: String?) -> [(AssetKey, [PartitionFacts?])] {
                guard let position = list.position(of: partition) else { return [] }
                return reads.map { read, keys in
                    (read.upstream, read.positions(of: position).map { facts[read.upstream]?[keys[$0] ?? ""] })
                }
            }
            let inputs = AutomationDecision.Inputs(
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
            let outcome = AutomationDecision.decide(inputs, now: now)
            var requested: [AutomationRequested] = []
            var skipReason = outcome.skipReason
            for request in outcome.requests {
                // A key that already names a run was handled by an earlier tick: it neither spends
                // the cap nor is requested again.
                if try mapStoreErrors({ try store.read { try $0.runKey(RunKey(request.runKey)) } }) != nil { continue }
                guard budget > 0 else {
                    deferred += 1
                    skipReason = [skipReason, "run cap of \(maxRuns) reached; the rest waits for the next tick"]
                        .compactMap { $0 }.joined(separator: "; ")
                    continue
                }
                budget -= 1
                guard !dryRun else {
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
            results.append(AutomationResult(
                asset: asset.rawValue, condition: policy.condition.text, requested: requested, skipReason: skipReason))
        }
        let evaluation = AutomationEvaluated(evaluatedAt: now, results: results)
        if !dryRun { _ = try record([EventDraft(evaluation)]) }
        return AutomationTick(evaluation: evaluation, deferred: deferred)
    }
}
