/// Folds step events into `steps`, guarding against facts from superseded attempts.
///
/// Consumes `StepStarted` and `StepFinished`. A failed step skips everything downstream of it in
/// its run (transitively), while independent branches go on.
enum StepFold {
    static func started(_ body: StepStarted, at: Timestamp, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        guard var run = try writer.run(body.runID) else { return .rejected("unknown run '\(body.runID)'") }
        guard var step = try writer.step(body.runID, body.stepKey) else {
            return .rejected("unknown step '\(body.stepKey)' in run '\(body.runID)'")
        }
        guard !step.status.isTerminal else { return .rejected("step '\(body.stepKey)' already ended") }
        guard body.attempt > step.attempt else {
            return .rejected("attempt \(body.attempt) of step '\(body.stepKey)' is not newer than \(step.attempt)")
        }
        step.status = .running
        step.attempt = body.attempt
        step.attemptID = body.attemptID
        step.startedAt = at
        step.finishedAt = nil
        step.exitCode = nil
        step.reason = nil
        try writer.upsertStep(step)
        try PartitionStatusFold.stepStarted(step, at: at, writer)
        if run.status == .queued || run.status == .starting {
            run.status = .started
            run.startedAt = run.startedAt ?? at
            try writer.upsertRun(run)
            try BackfillFold.track(run, at: at, writer)
        }
        return .applied
    }

    static func finished(_ body: StepFinished, at: Timestamp, _ writer: some ProjectionWriter) throws -> FoldOutcome {
        guard var run = try writer.run(body.runID) else { return .rejected("unknown run '\(body.runID)'") }
        guard var step = try writer.step(body.runID, body.stepKey) else {
            return .rejected("unknown step '\(body.stepKey)' in run '\(body.runID)'")
        }
        guard !step.status.isTerminal else { return .rejected("step '\(body.stepKey)' already ended") }
        guard step.status == .running, step.attempt == body.attempt, step.attemptID == body.attemptID else {
            return .rejected("attempt \(body.attempt) of step '\(body.stepKey)' is not the current attempt")
        }
        step.finishedAt = at
        step.exitCode = body.exitCode
        step.reason = body.reason
        switch body.outcome {
        case .succeeded: step.status = .success
        case .failed: step.status = body.willRetry && !run.cancelRequested ? .retryWait : .failure
        case .canceled: step.status = .canceled
        }
        try writer.upsertStep(step)
        if step.status.isTerminal {
            try PartitionStatusFold.stepEnded(step, outcome: body.outcome, at: at, writer)
        }
        RunCounters.count(step.status, in: &run)
        if step.status == .failure || step.status == .canceled {
            try skipDownstream(of: step, in: &run, at: at, writer)
        }
        RunCounters.completeIfDone(&run, at: at)
        try writer.upsertRun(run)
        if run.status.isTerminal { try BackfillFold.track(run, at: at, writer) }
        return .applied
    }

    /// Marks every not-yet-terminal step that depends, directly or not, on `root` as skipped
    /// (or canceled, when the root was canceled).
    private static func skipDownstream(
        of root: StepRow, in run: inout RunRow, at: Timestamp, _ writer: some ProjectionWriter
    ) throws {
        let steps = try writer.steps(of: root.runID)
        var dependents = [StepKey: [StepRow]]()
        for step in steps {
            for dependency in step.dependsOn { dependents[dependency, default: []].append(step) }
        }
        let status: StepStatus = root.status == .canceled ? .canceled : .skipped
        var queue = [root.stepKey]
        var visited: Set<StepKey> = [root.stepKey]
        while let current = queue.popLast() {
            for var step in dependents[current] ?? [] where visited.insert(step.stepKey).inserted {
                queue.append(step.stepKey)
                guard step.status == .pending || step.status == .retryWait else { continue }
                step.status = status
                step.reason = StepScheduler.upstreamReason(root.stepKey, ended: root.status)
                step.finishedAt = at
                try writer.upsertStep(step)
                RunCounters.count(status, in: &run)
            }
        }
    }
}
