import ArcoCore
import ArcoStore
import Foundation

/// Executes one claimed run: steps in dependency order, at most `maxConcurrency` at once, each
/// attempt recorded before its process starts and after it ends. The ledger is the authority;
/// the `StepScheduler` only decides what to start next.
final class RunExecutor: @unchecked Sendable {
    let engine: Engine
    let run: RunRow
    let definitions: WorkspaceDefinitions
    let options: ExecutionOptions
    let progress: @Sendable (RunProgress) -> Void
    let control = RunControl()
    let materializer: StepMaterializer
    private var steps: [StepKey: StepRow] = [:]
    /// Events decided but not yet recorded: one step's end and the next steps' starts commit
    /// together, halving the commits per step of a long run.
    private var pending: [EventDraft] = []
    /// Attempts whose `StepStarted` is pending; their processes start once it is recorded.
    private var toStart: [(key: StepKey, attempt: Int64, attemptID: AttemptID, invocation: StepInvocation)] = []
    /// Whether the first flush must claim the run: the claim and the first steps' starts share
    /// one transaction, a commit less per run (a backfill starts a worker per run).
    private var claimPending: Bool

    /// Another process claimed the run first; nothing was started or recorded.
    struct ClaimLost: Error {}

    init(
        engine: Engine, run: RunRow, steps: [StepRow], definitions: WorkspaceDefinitions, options: ExecutionOptions,
        claim: Bool = false, progress: @escaping @Sendable (RunProgress) -> Void
    ) throws {
        self.claimPending = claim
        self.engine = engine
        self.run = run
        self.definitions = definitions
        var options = options
        if let limit = ProcessLimits.openFiles() {
            let allowed = DescriptorBudget.stepsAllowed(descriptorLimit: limit)
            if options.maxConcurrency > allowed {
                progress(.concurrencyCapped(requested: options.maxConcurrency, allowed: allowed, descriptorLimit: limit))
                options.maxConcurrency = allowed
            }
        }
        self.options = options
        self.progress = progress
        self.materializer = StepMaterializer(engine: engine, definitions: definitions)
        for step in steps { self.steps[step.stepKey] = step }
    }

    /// What a child task of the run's task group reports.
    enum Completion: Sendable {
        case attempt(StepKey, attempt: Int64, attemptID: AttemptID, outcome: StepProcessOutcome, seconds: Double)
        case retryDue(StepKey, attempt: Int64)
        case cancel(String)
        case idle
    }

    func execute(orderedSteps: [StepRow]) async throws {
        var scheduler = StepScheduler(steps: orderedSteps)
        var running = Set<StepKey>()
        var waiting = Set<StepKey>()
        let signals = options.handlesSignals ? InterruptHandlers { [control] in control.cancel("interrupted (\($0))") } : nil
        defer { signals?.restore() }
        try await withThrowingTaskGroup(of: Completion.self) { group in
            func fill() async throws {
                while running.count < options.maxConcurrency, control.cancelReason == nil, let key = scheduler.nextReady() {
                    try launch(key, attempt: (steps[key]?.attempt ?? 0) + 1, running: &running)
                }
                try await flush(&group)
            }
            var cancelRecorded = false
            func recordCancel(_ reason: String) async throws {
                guard !cancelRecorded else { return }
                cancelRecorded = true
                // The grace period starts now, not once the cancel is recorded: recording may
                // wait out a busy store or a full disk, and a step ignoring SIGTERM must still
                // be killed meanwhile.
                group.addTask { [control, options] in
                    await Self.sleep(options.grace, unless: nil)
                    control.killRemaining()
                    return .idle
                }
                try await cancel(reason, scheduler: &scheduler, running: running)
            }
            // The first fill claims the run; only then does this process heartbeat for it.
            try await fill()
            group.addTask { [control, engine, run, options] in
                await Self.watchForCancel(
                    control: control, engine: engine, runID: run.runID, every: options.cancelPollInterval,
                    stopReason: options.stopReason)
            }
            while !(running.isEmpty && waiting.isEmpty) {
                guard let completion = try await group.next() else { break }
                // A signal cancels at once (steps are stopped from the handler); the cancel is
                // recorded before any step's end, so the run's reason says why.
                if let reason = control.cancelReason { try await recordCancel(reason) }
                switch completion {
                case .attempt(let key, let attempt, let attemptID, let outcome, let seconds):
                    running.remove(key)
                    try attemptEnded(
                        key, attempt: attempt, attemptID: attemptID, outcome: outcome, seconds: seconds,
                        scheduler: &scheduler, waiting: &waiting, group: &group)
                case .retryDue(let key, let attempt):
                    waiting.remove(key)
                    if control.cancelReason == nil {
                        try launch(key, attempt: attempt, running: &running)
                    } else {
                        // The fold canceled the waiting step when the cancel was recorded, and
                        // `cancel` reported it and everything downstream.
                        scheduler.finish(key, succeeded: false)
                    }
                case .cancel(let reason):
                    try await recordCancel(reason)
                case .idle:
                    break
                }
                try await fill()
            }
            control.stop()
            group.cancelAll()
        }
    }

    /// An attempt ended: records it, then waits out its retry delay, or settles the steps that
    /// depend on it (skipped below a failure, canceled below a cancel).
    private func attemptEnded(
        _ key: StepKey, attempt: Int64, attemptID: AttemptID, outcome: StepProcessOutcome, seconds: Double,
        scheduler: inout StepScheduler, waiting: inout Set<StepKey>, group: inout ThrowingTaskGroup<Completion, Error>
    ) throws {
        if let delay = try finish(key, attempt: attempt, attemptID: attemptID, outcome: outcome, seconds: seconds) {
            waiting.insert(key)
            group.addTask { [control] in
                await Self.sleep(delay, unless: control)
                return .retryDue(key, attempt: attempt + 1)
            }
        } else if let step = steps[key] {
            let abandoned = scheduler.finish(key, succeeded: step.status == .success)
            report(abandoned, as: step.status == .canceled ? .canceled : .skipped,
                   reason: StepScheduler.upstreamReason(key, ended: step.status))
        }
    }

    /// Records what is pending in one transaction, then starts the processes whose
    /// `StepStarted` it held, each in a child task.
    private func flush(_ group: inout ThrowingTaskGroup<Completion, Error>) async throws {
        var applied = Set<IdempotencyKey>()
        if claimPending {
            // Nothing has started yet, so a busy store (75) or a full disk (74) fails the command
            // rather than keeping it waiting: the run is left unclaimed, as when its requester
            // dies before starting it (ADR 0009), and no outcome is lost.
            guard let result = try engine.claimRun(run.runID, recording: pending) else {
                pending.removeAll()
                toStart.removeAll()
                throw ClaimLost()
            }
            claimPending = false
            for (row, outcome) in zip(result.appended, result.outcomes) where outcome == .applied {
                applied.insert(row.idempotencyKey)
            }
            pending.removeAll(keepingCapacity: true)
        } else if !pending.isEmpty {
            let result = try await persistently { try engine.record(pending) }
            for (row, outcome) in zip(result.appended, result.outcomes) where outcome == .applied {
                applied.insert(row.idempotencyKey)
            }
            pending.removeAll(keepingCapacity: true)
        }
        for item in toStart {
            let (key, attempt, attemptID, invocation) = item
            let started = StepStarted(runID: run.runID, stepKey: key, attempt: attempt, attemptID: attemptID)
            guard applied.contains(started.idempotencyKey) else {
                // The fold refused the start (a cancel recorded meanwhile ended the step): the
                // process must not run, or its effects would happen with nothing recorded.
                group.addTask { .attempt(key, attempt: attempt, attemptID: attemptID, outcome: .canceled("run canceled"), seconds: 0) }
                continue
            }
            if let step = steps[key] { progress(.stepStarted(step: step, attempt: attempt)) }
            group.addTask { [control] in
                let clock = ContinuousClock()
                let began = clock.now
                let outcome = await StepProcess.run(invocation, control: control)
                let elapsed = clock.now - began
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                return .attempt(key, attempt: attempt, attemptID: attemptID, outcome: outcome, seconds: seconds)
            }
        }
        toStart.removeAll(keepingCapacity: true)
    }

    /// Runs one of the run's writes until the store takes it, telling the display while it waits.
    private func persistently<T>(_ write: () throws -> T) async throws -> T {
        try await engine.persistently(write, waiting: progress)
    }

    /// Queues `StepStarted` and the attempt's process; `flush` records and starts them.
    private func launch(_ key: StepKey, attempt: Int64, running: inout Set<StepKey>) throws {
        guard var step = steps[key] else { return }
        // The fold accepts only a newer attempt, and logs are named by attempt number: a launch
        // that skipped or repeated a number would run a process whose start is then refused.
        precondition(attempt == step.attempt + 1, "attempt \(attempt) of step '\(key)' after \(step.attempt)")
        let attemptID = AttemptID(engine.environment.ids.makeID(prefix: "att", at: engine.environment.clock.now()))
        pending.append(EventDraft(StepStarted(runID: run.runID, stepKey: key, attempt: attempt, attemptID: attemptID)))
        step.attempt = attempt
        step.attemptID = attemptID
        step.status = .running
        steps[key] = step
        running.insert(key)
        var invocation = StepInvocation(
            command: .argv(["false"]), environment: [:], workingDirectory: "/", logPath: "/dev/null", pidPath: "/dev/null",
            timeout: nil, grace: options.grace, startError: "asset '\(step.asset)' is no longer defined in arco.yaml")
        if let definition = definitions.asset(AssetKey(step.asset)) {
            do {
                invocation = try materializer.invocation(
                    run: run.runID, step: step, attempt: attempt, definition: definition, grace: options.grace,
                    trigger: run.trigger)
            } catch let error as OperatorError {
                invocation.startError = error.message
            } catch {
                invocation.startError = "\(error)"
            }
        }
        toStart.append((key, attempt, attemptID, invocation))
    }

    /// Decides how an attempt ended and queues its events (recorded by the next `flush`).
    /// - Returns: the delay before a retry, or nil when the step reached its final status.
    private func finish(_ key: StepKey, attempt: Int64, attemptID: AttemptID, outcome: StepProcessOutcome, seconds: Double)
        throws -> Duration?
    {
        guard var step = steps[key] else { return nil }
        let definition = definitions.asset(AssetKey(step.asset))
        var drafts = [EventDraft]()
        var result: StepOutcome
        var reason: String?
        var exitCode: Int64?
        switch outcome {
        case .exited(0):
            do {
                if let definition {
                    let materialized = try materializer.materializations(
                        run: run.runID, step: step, attempt: attempt, definition: definition)
                    drafts = materialized.drafts
                    // Recorded in the materialization's metadata; said here so the operator sees it.
                    if let cut = materialized.cut { progress(.stepWarning(step: step, attempt: attempt, message: cut.warning)) }
                }
                result = .succeeded
            } catch let error as StepReportError {
                result = .failed
                reason = error.description
            } catch {
                // Anything else that stops the materialization from being recorded (a partitions
                // definition grown past its limit since the run began) fails this step alone:
                // thrown from here it would leave the run STARTED and end a worker's other runs.
                result = .failed
                reason = (error as? OperatorError)?.message ?? "\(error)"
            }
            exitCode = 0
        case .exited(let code):
            result = .failed
            exitCode = Int64(code)
            reason = failureError("exit code \(code)", key, attempt)
        case .signaled(let signal):
            result = .failed
            reason = failureError("killed by signal \(signal)", key, attempt)
        case .timedOut(let limit):
            result = .failed
            reason = failureError("timed out after \(DurationSyntax.format(limit))", key, attempt)
        case .canceled(let why):
            result = .canceled
            reason = why
        case .couldNotStart(let why):
            result = .failed
            reason = "could not start: \(why)"
        }
        let canRetry = result == .failed && attempt <= Int64((definition?.retries ?? .none).maxRetries) && control.cancelReason == nil
        drafts.append(
            EventDraft(
                StepFinished(
                    runID: run.runID, stepKey: key, attempt: attempt, attemptID: attemptID, outcome: result,
                    exitCode: exitCode, reason: reason, willRetry: canRetry)))
        pending.append(contentsOf: drafts)
        step.status = result == .succeeded ? .success : canRetry ? .retryWait : result == .canceled ? .canceled : .failure
        step.reason = reason
        step.exitCode = exitCode
        steps[key] = step
        progress(.stepEnded(step: step, attempt: attempt, status: step.status, seconds: seconds, reason: reason))
        guard canRetry else { return nil }
        return RetryDelay.before(attempt: attempt + 1, policy: (definition?.retries ?? .none), unitRandom: Double.random(in: 0..<1))
    }

    /// A failure's cause followed by the last lines the attempt wrote, read from its log.
    private func failureError(_ cause: String, _ key: StepKey, _ attempt: Int64) -> String {
        let path = engine.workspace.logsFolder + "/" + LogPath.log(run: run.runID, step: key, attempt: attempt)
        let output = StepLogReader.tail(of: path, stateFolder: engine.workspace.stateFolder, maxBytes: Limits.stepErrorTailBytesMax)
        return StepFailureTail.error(cause, output: output)
    }

    /// Records the cancel (the fold cancels pending and waiting steps) and signals running ones.
    private func cancel(_ reason: String, scheduler: inout StepScheduler, running: Set<StepKey>) async throws {
        pending.append(EventDraft(RunCancelRequested(runID: run.runID, reason: reason)))
        _ = try await persistently { try engine.record(pending) }
        pending.removeAll()
        let abandoned = scheduler.abandonPending(except: running)
        progress(.canceling(reason: reason))
        report(abandoned, as: .canceled, reason: "run canceled")
        control.cancel(reason)
    }

    /// Tells the progress display about steps that will never start, one transition each.
    private func report(_ keys: [StepKey], as status: StepStatus, reason: String) {
        for key in keys {
            guard var step = steps[key], !step.status.isTerminal else { continue }
            step.status = status
            step.reason = reason
            steps[key] = step
            progress(.stepAbandoned(step: step, status: status, reason: reason))
        }
    }

    /// Returns `.cancel` once a signal or `arco cancel` asks for it, and writes the run's
    /// heartbeat every `Engine.heartbeatInterval` meanwhile; ends when the group is canceled.
    static func watchForCancel(
        control: RunControl, engine: Engine, runID: RunID, every interval: Duration,
        stopReason: @Sendable () -> String?
    ) async -> Completion {
        var sinceStoreCheck = Duration.zero
        var sinceBeat = Duration.zero
        let slice = Duration.milliseconds(20)
        // No beat at the start: a reader on another host counts silence from the run's start
        // anyway, and a run shorter than one interval then creates and deletes no file, which is
        // a measurable cost when a backfill runs hundreds of them (docs/benchmarks.md).
        while !Task.isCancelled, !control.isStopped {
            if sinceBeat >= engine.heartbeatInterval {
                sinceBeat = .zero
                engine.beat(runID)
            }
            if let reason = control.cancelReason ?? stopReason() { return .cancel(reason) }
            if sinceStoreCheck >= interval {
                sinceStoreCheck = .zero
                if let run = try? engine.store().read({ try $0.run(runID) }), run.cancelRequested {
                    return .cancel(run.reason.map { $0.hasPrefix("canceled: ") ? String($0.dropFirst(10)) : $0 } ?? "arco cancel")
                }
            }
            guard (try? await Task.sleep(for: slice)) != nil else { break }
            sinceStoreCheck += slice
            sinceBeat += slice
        }
        return .idle
    }

    /// Sleeps, waking early when the run is canceled (for retry waits).
    static func sleep(_ duration: Duration, unless control: RunControl?) async {
        var left = duration
        let slice = Duration.milliseconds(50)
        while left > .zero, !Task.isCancelled {
            if let control, control.cancelReason != nil { return }
            let step = min(slice, left)
            guard (try? await Task.sleep(for: step)) != nil else { return }
            left -= step
        }
    }
}
