/// Folds run-level events into `runs`, `steps`, `run_keys` and `run_key_conflicts`.
///
/// Consumes `RunRequested`, `RunStarted`, `RunWorkerLost` and `RunCancelRequested`.
enum RunFold {
    static func requested(_ body: RunRequested, seq: Int64, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        if let runKey = body.runKey, let existing = try writer.runKey(runKey) {
            // First writer wins: a different request under a used key is recorded, never run.
            guard existing.fingerprint != body.fingerprint else {
                return .rejected("run key '\(runKey)' already names run '\(existing.runID)'")
            }
            try writer.insertRunKeyConflict(
                RunKeyConflictRow(
                    runKey: runKey, seq: seq, existingRunID: existing.runID,
                    existingFingerprint: existing.fingerprint, conflictingRunID: body.runID,
                    conflictingFingerprint: body.fingerprint, detectedAt: at))
            return .applied
        }
        guard try writer.run(body.runID) == nil else {
            return .rejected("run '\(body.runID)' already exists")
        }
        if let problem = planProblem(body.steps) { return .rejected("run '\(body.runID)' has an invalid plan: \(problem)") }
        if let runKey = body.runKey {
            try writer.insertRunKey(
                RunKeyRow(runKey: runKey, runID: body.runID, fingerprint: body.fingerprint, createdAt: at, seq: seq))
        }
        try writer.upsertRun(
            RunRow(
                runID: body.runID, runKey: body.runKey, fingerprint: body.fingerprint, selection: body.selection,
                tags: body.tags, trigger: body.trigger, status: .queued, requestedAt: at, pid: body.reserverPID,
                host: body.reserverHost, stepsTotal: Int64(body.steps.count), requestedSeq: seq,
                parentRunID: body.parentRunID, rootRunID: body.rootRunID, partitions: body.partitions))
        for (position, step) in body.steps.enumerated() {
            try writer.upsertStep(
                StepRow(
                    runID: body.runID, stepKey: step.stepKey, position: Int64(position), asset: step.asset,
                    partition: step.partition, partitionRange: step.partitionRange, dependsOn: step.dependsOn,
                    canonicalPartitions: step.canonicalPartitions))
        }
        if body.trigger.kind == .backfill, let run = try writer.run(body.runID) { try BackfillFold.track(run, at: at, writer) }
        return .applied
    }

    /// A plan whose step keys repeat, or whose steps depend on steps it does not contain, could
    /// never complete (its step count would not match its steps), so the fold refuses it.
    static func planProblem(_ steps: [PlannedStep]) -> String? {
        var keys = Set<StepKey>()
        for step in steps where !keys.insert(step.stepKey).inserted {
            return "step '\(step.stepKey)' appears twice"
        }
        for step in steps {
            if let missing = step.dependsOn.first(where: { !keys.contains($0) }) {
                return "step '\(step.stepKey)' depends on unknown step '\(missing)'"
            }
        }
        return nil
    }

    static func started(_ body: RunStarted, at: Timestamp, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        guard var run = try writer.run(body.runID) else { return .rejected("unknown run '\(body.runID)'") }
        guard !run.status.isTerminal else { return .rejected("run '\(body.runID)' already ended") }
        guard body.number > run.executions else {
            return .rejected("execution \(body.number) of run '\(body.runID)' is not newer than \(run.executions)")
        }
        run.executions = body.number
        run.pid = body.pid
        run.host = body.host
        // A claimed run is STARTING until its first step starts (as Dagster's launcher reports).
        if run.status == .queued { run.status = .starting }
        if run.startedAt == nil { run.startedAt = at }
        try writer.upsertRun(run)
        try BackfillFold.track(run, at: at, writer)
        return .applied
    }

    static func workerLost(_ body: RunWorkerLost, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        guard var run = try writer.run(body.runID) else { return .rejected("unknown run '\(body.runID)'") }
        guard !run.status.isTerminal else { return .rejected("run '\(body.runID)' already ended") }
        guard body.number == run.executions else {
            return .rejected("execution \(body.number) of run '\(body.runID)' is not the current one")
        }
        // Steps the lost worker was running failed with it; steps it never reached are canceled.
        for var step in try writer.steps(of: body.runID) where !step.status.isTerminal {
            let wasAttempted = step.status == .running || step.status == .retryWait
            step.status = step.status == .running ? .failure : .canceled
            step.reason = step.status == .failure ? "worker lost: \(body.reason)" : "run failed: worker lost"
            step.finishedAt = at
            try writer.upsertStep(step)
            RunCounters.count(step.status, in: &run)
            if wasAttempted {
                try PartitionStatusFold.stepEnded(step, outcome: step.status == .failure ? .failed : .canceled, at: at, writer)
            }
        }
        run.status = .failure
        run.reason = "worker lost: \(body.reason)"
        run.finishedAt = at
        try writer.upsertRun(run)
        try BackfillFold.track(run, lostReason: body.reason, at: at, writer)
        return .applied
    }

    static func cancelRequested(_ body: RunCancelRequested, at: Timestamp, _ writer: some ProjectionWriter) throws
        -> FoldOutcome
    {
        guard var run = try writer.run(body.runID) else { return .rejected("unknown run '\(body.runID)'") }
        guard !run.status.isTerminal else { return .rejected("run '\(body.runID)' already ended") }
        run.cancelRequested = true
        run.reason = "canceled: \(body.reason)"
        run.status = .canceling
        // Pending and waiting steps will never start; running ones end with their own StepFinished.
        for var step in try writer.steps(of: body.runID) where step.status == .pending || step.status == .retryWait {
            let wasAttempted = step.status == .retryWait
            step.status = .canceled
            step.reason = "run canceled"
            step.finishedAt = at
            try writer.upsertStep(step)
            RunCounters.count(.canceled, in: &run)
            if wasAttempted { try PartitionStatusFold.stepEnded(step, outcome: .canceled, at: at, writer) }
        }
        RunCounters.completeIfDone(&run, at: at)
        try writer.upsertRun(run)
        try BackfillFold.track(run, at: at, writer)
        return .applied
    }
}

/// Keeps a run's step counters and derived completion in one place.
enum RunCounters {
    static func count(_ status: StepStatus, in run: inout RunRow) {
        switch status {
        case .success: run.stepsSucceeded += 1
        case .failure: run.stepsFailed += 1
        case .skipped: run.stepsSkipped += 1
        case .canceled: run.stepsCanceled += 1
        case .pending, .running, .retryWait: break
        }
    }

    /// Completes a run whose steps are all terminal: CANCELED if cancel was requested or a step was
    /// canceled, FAILURE if any step failed, SUCCESS otherwise.
    static func completeIfDone(_ run: inout RunRow, at: Timestamp) {
        guard !run.status.isTerminal, run.stepsTerminal >= run.stepsTotal else { return }
        if run.cancelRequested || run.stepsCanceled > 0 {
            run.status = .canceled
        } else if run.stepsFailed > 0 {
            run.status = .failure
            if run.reason == nil { run.reason = "\(run.stepsFailed) step(s) failed" }
        } else {
            run.status = .success
        }
        run.finishedAt = at
    }
}
