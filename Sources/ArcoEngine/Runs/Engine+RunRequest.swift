import ArcoCore
import ArcoStore

extension Engine {
    /// Validates, plans and reserves a run; records `RunRequested` unless the run key already
    /// names the same request.
    ///
    /// Everything is checked before the write transaction, so a request that fails validation
    /// reserves nothing. Inside the transaction the key is read and the event appended together,
    /// so processes racing on one key produce exactly one run.
    /// - Throws: exit 65 for a bad selection, partition, a typed run key that is empty, holds a
    ///   control character or is over `Limits.runKeyBytesMax`, or a run-key conflict (the
    ///   conflict is recorded in `run_key_conflicts` first).
    public func requestRun(_ options: RunRequestOptions) throws -> RunReservation {
        // Only `arco run` types its key; reconcile and automation derive theirs from checked parts.
        if options.trigger.kind == .manual { try Self.checkTypedRunKey(options.runKey) }
        try Self.checkTypedPartitionKeys(options.partitions.typedKeys, option: "--partition")
        let definitions = try loadDefinitions()
        let (request, skipped) = try preparedRequest(options, definitions: definitions, now: environment.clock.now())
        var reservation = try reserve(request)
        reservation.skipped = skipped
        return reservation
    }

    /// Resolves, plans and fingerprints a request as of `now` without recording anything: what
    /// `requestRun` reserves, and what a schedule tick records beside its `ScheduleTicked`.
    /// - Returns: the event, and the notes for selected assets the plan left out.
    func preparedRequest(_ options: RunRequestOptions, definitions: WorkspaceDefinitions, now: Timestamp) throws
        -> (RunRequested, [String])
    {
        let selection: AssetSelection
        let assets: [AssetKey]
        do {
            selection = try AssetSelection.parse(options.selection)
            assets = try selection.resolve(in: definitions)
        } catch {
            throw Self.selectionError(error)
        }
        var sets = [AssetKey: PartitionSet]()
        for asset in assets {
            if let name = definitions.asset(asset)?.partitions { sets[asset] = try partitionSet(name.rawValue, in: definitions) }
        }
        let plan: RunPlan
        do {
            plan = try RunPlanner(definitions: definitions, partitionSets: sets, now: now)
                .planned(assets, request: options.partitions)
        } catch {
            throw Self.planningError(error, definitions)
        }
        let steps = plan.steps
        let fingerprint = RunFingerprint.run(
            assets: assets, closure: selection.expression.closureFlags, steps: steps, tags: options.tags)
        let runID = environment.ids.makeRunID(at: environment.clock.now())
        let request = RunRequested(
            runID: runID, runKey: options.runKey.map(RunKey.init), fingerprint: fingerprint,
            selection: selection.text, tags: options.tags, trigger: options.trigger, steps: steps,
            reserverPID: options.detached ? nil : ProcessIdentity.pid,
            reserverHost: options.detached ? nil : ProcessIdentity.host, partitions: options.partitions.display)
        return (request, plan.skipped.map(\.note))
    }

    /// Appends `request` unless its key is taken; decides what a duplicate means.
    func reserve(_ request: RunRequested) throws -> RunReservation {
        let store = try store()
        let now = environment.clock.now()
        let outcome: ReservationOutcome = try mapStoreErrors {
            try store.write { transaction in
                if let key = request.runKey, let existing = try transaction.reader.runKey(key) {
                    guard existing.fingerprint == request.fingerprint else {
                        // Recorded, never run: the fold turns it into a run_key_conflicts row.
                        _ = try transaction.append([(EventDraft(request), environment.ids.makeEventID(at: now))], recordedAt: now)
                        return .conflict(existing)
                    }
                    let run = try transaction.reader.run(existing.runID)
                    return .existing(existing.runID, abandoned: run.map(Self.isAbandoned) ?? false)
                }
                _ = try transaction.append([(EventDraft(request), environment.ids.makeEventID(at: now))], recordedAt: now)
                return .created
            }
        }
        switch outcome {
        case .created:
            return RunReservation(runID: request.runID, existing: false, shouldExecute: request.reserverPID != nil)
        case .existing(let runID, let abandoned):
            return RunReservation(runID: runID, existing: true, shouldExecute: abandoned)
        case .conflict(let existing):
            let key = request.runKey?.rawValue ?? ""
            throw OperatorError(
                .dataError,
                "run key '\(key)' already names run '\(existing.runID)' with a different request",
                hint: "repeat the first request, or pass a new key: `--run-key \(key)-2`",
                details: [
                    "existing fingerprint:  \(existing.fingerprint)",
                    "requested fingerprint: \(request.fingerprint)",
                ],
                data: [
                    "run_key": .string(key), "existing_run_id": .string(existing.runID.rawValue),
                    "existing_fingerprint": .string(existing.fingerprint),
                    "requested_fingerprint": .string(request.fingerprint),
                ])
        }
    }

    /// A run reserved by a foreground process on this host that never started and whose
    /// process is gone (killed between reservation and execution): a duplicate may execute it.
    static func isAbandoned(_ run: RunRow) -> Bool {
        guard run.status == .queued, run.executions == 0, let pid = run.pid, run.host == ProcessIdentity.host else {
            return false
        }
        return !ProcessIdentity.isAlive(pid)
    }

    static func selectionError(_ error: SelectionError) -> OperatorError {
        switch error {
        case .unknownAsset(_, let nearest) where !nearest.isEmpty:
            return OperatorError(.dataError, error.description, hint: "check the name: `arco asset show \(nearest[0])`")
        case .unsupportedAttribute, .invalid:
            return OperatorError(
                .dataError, error.description, hint: "select by name, e.g. `arco run 'raw_orders+'` or `arco run 'key:raw_*'`")
        default:
            return OperatorError(.dataError, error.description, hint: "list the declared assets: `arco asset list`")
        }
    }

    static func planningError(_ error: PlanningError, _ definitions: WorkspaceDefinitions) -> OperatorError {
        switch error {
        case .partitionRequired(let asset, let example):
            let name = definitions.asset(AssetKey(asset))?.partitions?.rawValue ?? "DEF"
            return OperatorError(
                .dataError, "asset '\(asset)' is partitioned; name the partition to run",
                hint: "pass one, e.g. `arco run \(asset) --partition \(example ?? "KEY")`; list them with `arco partitions list \(name)`")
        case .notAPartition(let key, let asset, let nearest):
            return OperatorError(
                .dataError,
                "'\(key)' is not a partition of asset '\(asset)'"
                    + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))"),
                hint: "see its partitions with `arco asset show \(asset)`")
        case .reversedRange(let from, let to, let asset):
            return OperatorError(
                .dataError, "partition range '\(from)...\(to)' is reversed for asset '\(asset)'",
                hint: "swap the ends: `--partition-range \(to)...\(from)`")
        case .nothingPartitioned(let key):
            return OperatorError(
                // Worded for every source: a sensor's answer or a schedule's `partition:` reaches
                // here too, and its recorded reason must not name a flag nobody typed.
                .dataError, "partition '\(key)' was requested, but no selected asset is partitioned",
                hint: "drop --partition, or see which assets are partitioned: `arco asset list`")
        case .mapping(let asset, let upstream, let reason):
            return OperatorError(
                .dataError, "cannot map partitions from '\(upstream)' to '\(asset)': \(reason)",
                hint: "check the dependency's mapping with `arco validate`")
        }
    }
}

/// What the reservation transaction found.
enum ReservationOutcome {
    case created
    case existing(RunID, abandoned: Bool)
    case conflict(RunKeyRow)
}
