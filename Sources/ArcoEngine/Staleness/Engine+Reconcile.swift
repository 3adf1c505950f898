import ArcoCore
import ArcoStore

extension Engine {
    /// The runs that clear the selection's staleness at `now`, in dependency order
    /// (`ReconcilePlanner`); deterministic for a given ledger and definitions.
    ///
    /// - Throws: exit 65 for a bad selection.
    public func reconcilePlan(
        selection: String?, window: PartitionWindow = PartitionWindow(), only: ReconcilePlanFilter.Only? = nil,
        now: Timestamp? = nil
    ) throws -> [ReconcileRun] {
        let plan = try fullReconcilePlan(selection: selection, now: now)
        guard !window.isEmpty || only != nil else { return plan }
        let kept = ReconcilePlanFilter.kept(plan, upstream: try reconcileGraph(plan), window: window, only: only)
        return kept.map { plan[$0] }
    }

    /// Every run of the selection's plan, before `--from/--to` and `--only` narrow it.
    private func fullReconcilePlan(selection: String?, now: Timestamp?) throws -> [ReconcileRun] {
        let definitions = try loadDefinitions()
        let now = now ?? environment.clock.now()
        let selected = try stalenessSelection(selection, definitions)
        var evaluator = StalenessEvaluator(
            definitions: definitions, selection: selected, sets: try stalenessSets(definitions, selected, now: now), now: now,
            applyFreshness: false)
        var rows: [StalenessRow] = []
        var rowAt: [AssetKey: [Int]] = [:]
        var attempts: [PartitionAttempt?] = []
        let store = try store()
        var computed = ComputedVerdicts()
        let initial = evaluator
        try mapStoreErrors {
            try store.read { reader in
                // A busy store retries the read from the start, with nothing gathered yet.
                evaluator = initial
                rows = []
                rowAt = [:]
                attempts = []
                computed = try walkStaleness(
                    reader, store: store, definitions: definitions, now: now, evaluator: &evaluator
                ) { verdicts in
                    guard verdicts.counts.dropLast().contains(where: { $0 > 0 }) else { return }
                    let assetRows = try verdicts.nonFreshRows()
                    let assetAttempts = try Self.attempts(reader, verdicts.asset, verdicts.list)
                    var byPosition = [Int](repeating: -1, count: verdicts.list.keys.count)
                    for row in assetRows where row.position < byPosition.count {
                        byPosition[row.position] = rows.count
                        rows.append(row)
                        attempts.append(assetAttempts[row.position])
                    }
                    rowAt[verdicts.asset] = byPosition
                }
            }
        }
        // Saved before the plan is made, on this thread: saving beside the planning on a thread
        // of its own did not make a plan measurably faster (ADR 0012, 2026-12-06).
        computed.save(to: store)
        let waits = ReconcileWaits.graph(rows, rowAt: rowAt, evaluator: &evaluator)
        return ReconcilePlanner(definitions: definitions).plan(
            rows: rows, waits: waits, selected: Set(selected), attempts: attempts)
    }

    /// A partition's last attempt, with the runs not yet ended counted as in flight even before
    /// their steps start, so that nothing plans a second run for what a queued run will do.
    static func attempts(_ reader: StoreReader, _ asset: AssetKey) throws -> [String: PartitionAttempt] {
        var attempts = try reader.partitionAttempts(asset)
        for (key, run) in try reader.pendingTargets(asset) {
            attempts[key] = PartitionAttempt(inProgressRunID: run, lastAttemptRunID: attempts[key]?.lastAttemptRunID)
        }
        return attempts
    }

    /// The same, by partition position in `list` (keys no longer in the definition are left out).
    static func attempts(_ reader: StoreReader, _ asset: AssetKey, _ list: StalenessEvaluator.KeyList) throws
        -> [PartitionAttempt?]
    {
        var attempts = [PartitionAttempt?](repeating: nil, count: list.keys.count)
        try reader.forEachPartitionAttempt(asset) { key, attempt in
            if let position = list.position(of: key) { attempts[position] = attempt }
        }
        for (key, run) in try reader.pendingTargets(asset) {
            guard let position = list.position(of: key) else { continue }
            attempts[position] = PartitionAttempt(inProgressRunID: run, lastAttemptRunID: attempts[position]?.lastAttemptRunID)
        }
        return attempts
    }

    /// Requests one planned run. A key that names a run which failed or was canceled (before any
    /// step started, so the plan's key did not change) is followed by `{key}:after:{run}`, so a
    /// failed reconcile run is retried by the next `reconcile run` instead of blocking it.
    public func requestReconcileRun(_ run: ReconcileRun, detached: Bool) throws -> RunReservation {
        var options = reconcileRequest(run, detached: detached)
        for _ in 0..<20 {
            let reservation = try requestRun(options)
            guard reservation.existing, !reservation.shouldExecute else { return reservation }
            let existing = try runDetail(reservation.runID).0
            guard existing.status == .failure || existing.status == .canceled else { return reservation }
            options.runKey = run.runKey + ":after:" + reservation.runID.rawValue
        }
        throw OperatorError(
            .failure, "run key \(run.runKey) has failed 20 times in a row; not requesting it again",
            hint: "look at the last run: `arco status --limit 5`, then `arco rerun RUN --from-failure`")
    }

    /// The request of one planned run: its assets at its partition, under its run key.
    public func reconcileRequest(_ run: ReconcileRun, detached: Bool) -> RunRequestOptions {
        RunRequestOptions(
            selection: run.assets.map(\.rawValue), partitions: run.partitionRequest,
            runKey: run.runKey, trigger: RunTrigger(kind: .reconcile, reference: run.runKey), detached: detached)
    }
}
