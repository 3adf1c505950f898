import ArcoCore
import ArcoStore

extension Engine {
    /// The `retry-failed` children of a backfill, oldest first.
    public func retries(of id: BackfillID) throws -> [BackfillRow] {
        try backfills().filter { $0.parentBackfillID == id }.sorted { $0.createdSeq < $1.createdSeq }
    }

    /// Backfills, newest first.
    public func backfills(statuses: [BackfillState] = [], limit: Int? = nil) throws -> [BackfillRow] {
        try reapLostRuns()
        let store = try store()
        return try mapStoreErrors { try store.read { try $0.backfills(statuses: statuses, limit: limit) } }
    }

    /// A backfill, with every planned partition when asked, else only its failures (at most
    /// `failureLimit`), so showing a backfill of 100,000 partitions reads one row and a few.
    public func backfillDetail(_ id: BackfillID, partitions: Bool = false, failureLimit: Int = 1000) throws
        -> (BackfillRow, [BackfillPartitionRow])
    {
        try reapLostRuns()
        let store = try store()
        let found = try mapStoreErrors {
            try store.read { reader -> (BackfillRow, [BackfillPartitionRow])? in
                guard let backfill = try reader.backfill(id) else { return nil }
                return (backfill, partitions ? try reader.backfillPartitions(id) : try reader.backfillFailures(id, limit: failureLimit))
            }
        }
        guard let found else { throw Self.unknownBackfill(id) }
        return found
    }

    /// Moves a backfill to `target` with the next state version; the read and the append share
    /// one transaction, so a driver changing it meanwhile makes this read the newer state.
    /// - Returns: the backfill after the change, and whether it already was in `target`.
    /// - Throws: exit 65 naming the current state when the transition does not exist.
    public func changeBackfillState(_ id: BackfillID, to target: BackfillState, reason: String? = nil) throws
        -> (backfill: BackfillRow, unchanged: Bool)
    {
        let store = try store()
        let now = environment.clock.now()
        return try mapStoreErrors {
            try store.write { transaction in
                guard let backfill = try transaction.reader.backfill(id) else { throw Self.unknownBackfill(id) }
                if backfill.status == target { return (backfill, true) }
                guard BackfillLifecycle.allows(backfill.status, target) else {
                    throw OperatorError(
                        .dataError,
                        "backfill '\(id)' is \(backfill.status.rawValue) and cannot become \(target.rawValue)",
                        hint: "see it with `arco backfill status \(id)`")
                }
                var drafts = [EventDraft(BackfillStateChanged(
                    backfillID: id, fromState: backfill.status, toState: target, stateVersion: backfill.stateVersion + 1,
                    reason: reason))]
                if target == .canceled {
                    // Nothing new starts: queued runs are canceled with the backfill.
                    for row in try transaction.reader.unfinishedBackfillPartitions(id) where row.status == .queued {
                        if let runID = row.runID { drafts.append(EventDraft(RunCancelRequested(runID: runID, reason: "backfill \(id) canceled"))) }
                    }
                }
                var seen = Set<IdempotencyKey>()
                drafts = drafts.filter { seen.insert($0.idempotencyKey).inserted }
                _ = try transaction.append(drafts.map { ($0, environment.ids.makeEventID(at: now)) }, recordedAt: now)
                return (try transaction.reader.backfill(id) ?? backfill, false)
            }
        }
    }

    /// Cancels a backfill: nothing new is planned or started, queued runs are canceled, and
    /// running ones too when `terminate` is set (otherwise they finish).
    public func cancelBackfill(_ id: BackfillID, terminate: Bool) throws -> (backfill: BackfillRow, unchanged: Bool) {
        let result = try changeBackfillState(id, to: .canceled, reason: terminate ? "canceled, runs terminated" : "canceled")
        if terminate {
            let store = try store()
            let running = try mapStoreErrors { try store.read { try $0.unfinishedBackfillPartitions(id) } }
                .filter { $0.status == .running }.compactMap(\.runID)
            for runID in Set(running) { _ = try cancelRun(runID, reason: "backfill \(id) canceled") }
        }
        return result
    }

    /// A child backfill of exactly what did not succeed in a FAILED backfill: its failed and
    /// canceled partitions and the ones that never ran because a partition they read failed.
    /// Its key derives from the parent and that set, so repeating the command returns the child.
    public func retryFailedBackfill(_ parentID: BackfillID, idempotencyKey: String?) throws -> BackfillCreation {
        let store = try store()
        guard let parent = try mapStoreErrors({ try store.read { try $0.backfill(parentID) } }) else {
            throw Self.unknownBackfill(parentID)
        }
        guard parent.status == .failed else {
            throw OperatorError(
                .dataError, "backfill '\(parentID)' is \(parent.status.rawValue); only a FAILED backfill has failures to retry",
                hint: "see it with `arco backfill status \(parentID)`")
        }
        // The parent must still resolve as created, or its rows no longer name what they did.
        let plan = try backfillPlan(parent)
        let rows = try mapStoreErrors { try store.read { try $0.unfinishedBackfillPartitions(parentID) } }
        var retried = [String: [(key: String, position: Int)]]()
        var orders = [String: [String: Int]]()
        for row in rows {
            let order = orders[row.asset] ?? plan.partitionPositions(of: row.asset)
            orders[row.asset] = order
            retried[row.asset, default: []].append((row.partition ?? "", order[row.partition ?? ""] ?? 0))
        }
        retried = retried.mapValues { $0.sorted { $0.position < $1.position } }
        let subset = PartitionSelector.subset(retried.mapValues { keys in
            keys.first?.key.isEmpty == true ? [] : PartitionRun.runs(of: keys)
        })
        // The child must resolve before it is recorded, or it would sit PENDING for good.
        let definitions = try loadDefinitions()
        let assets = try backfillAssets(parent.selection, definitions)
        let resolver = try backfillResolver(assets, definitions, now: parent.createdAt)
        _ = try Self.resolving { () throws(BackfillError) in try resolver.resolve(assets, subset) }
        let retryID = idempotencyKey ?? SHA256Hex.digest(CanonicalJSON.encode(subset.json())).prefix(16).description
        let now = environment.clock.now()
        let backfillID = BackfillID(environment.ids.makeID(prefix: "bf", at: now))
        let requestKey = "retry:\(parentID.rawValue):\(retryID)"
        let total = retried.values.reduce(0) { $0 + $1.count }
        let created = BackfillCreated(
            backfillID: backfillID, requestKey: requestKey, fingerprint: SHA256Hex.digest(CanonicalJSON.encode(subset.json())),
            selection: parent.selection, selector: subset.json(), only: nil, totalPartitions: Int64(total),
            chunkSize: parent.chunkSize, maxConcurrentRuns: parent.maxConcurrentRuns, parentBackfillID: parentID,
            retryRequestID: retryID)
        return try recordBackfill(created)
    }

    static func unknownBackfill(_ id: BackfillID) -> OperatorError {
        OperatorError(.notFound, "no backfill '\(id)'", hint: "list them: `arco backfill list`")
    }
}
