import ArcoCore
import ArcoStore
import Foundation
import Synchronization

/// The parts of a pass, in the order they run. Each calls the engine entry point its command
/// calls; none has a second implementation here.
enum DaemonPart: String, CaseIterable, Sendable {
    /// Fail runs whose worker died (`RunWorkerLost`), as every command that reads runs does.
    case lost
    /// `schedule tick`: due ticks, then workers for queued schedule runs.
    case schedules
    /// `sensor eval`: due poll and asset sensors, then workers for queued sensor runs.
    case sensors
    /// The worker's backfill driver, then workers for queued backfill runs.
    case backfills
    /// `reconcile tick` when `arco.yaml` has `automation:` conditions, then workers for them.
    case automation
}

extension Daemon {
    /// One pass over every part while this daemon leads. The lease is renewed before each part
    /// once a third of it has passed, so a long pass keeps it; a refused write ends the pass and
    /// drops the daemon to standby. Any other failure is logged (once while it persists) and the
    /// next part runs: one broken sensor must not stop the schedules.
    /// - Parameter stopReason: checked between parts: a signal finishes the part in progress,
    ///   not the whole pass.
    /// - Returns: the failure of the first part that failed, if any (`--once` exits with it).
    @discardableResult
    func pass(log: (DaemonLogLine) -> Void, stopReason: () -> String? = { nil }) throws -> OperatorError? {
        let started = clockNow
        guard let token = beginPass() else { return nil }
        defer { state.withLock { $0.passInProgress = false } }
        var summary: [String: JSONValue] = [:]
        var firstFailure: OperatorError?
        for part in DaemonPart.allCases {
            guard stopReason() == nil, try renewIfDue(token: token, log: log) else { return firstFailure }
            if part == .schedules { reachStopPoint() }
            defer { renewalsHeld.store(false, ordering: .releasing) }
            do {
                summary[part.rawValue] = try run(part, log: log)
                state.withLock { _ = $0.lastErrors.removeValue(forKey: part.rawValue) }
            } catch let error as OperatorError {
                if case .fenced(let mine, let current) = error.storeCondition {
                    deposed(mine: mine, current: current, leader: nil, source: "fence", log: log)
                    return firstFailure
                }
                summary[part.rawValue] = ["error": .string(error.message)]
                firstFailure = firstFailure ?? error
                logOnce(part, error, log: log)
            }
        }
        reportDefinitionsProblem(log: log)
        try recordPass(token: token, started: started, summary: summary, log: log)
        return firstFailure
    }

    /// `DaemonStopPoint`: stops this process once, holding the lease thread until the part that
    /// follows has run.
    private func reachStopPoint() {
        guard DaemonStopPoint.isSet, !stopPointReached.exchange(true, ordering: .acquiringAndReleasing) else { return }
        renewalsHeld.store(true, ordering: .releasing)
        kill(getpid(), SIGSTOP)
    }

    /// Carries out one part; returns what it did for `daemon status`.
    private func run(_ part: DaemonPart, log: (DaemonLogLine) -> Void) throws -> JSONValue {
        switch part {
        case .lost:
            let lost = try engine.reapLostRuns()
            for runID in lost {
                log(DaemonLogLine("lost", why: "its worker process exited without finishing it", runID: runID, at: clockNow))
            }
            return ["lost": .int(Int64(lost.count))]
        case .schedules:
            let report = try engine.scheduleTick(now: options.now, launch: .launch) { log(line(for: $0)) }
            return ["ticks": .int(Int64(report.ticks.count)), "launched": .int(Int64(report.launched.count))]
        case .sensors:
            let report = try engine.sensorEval(now: options.now, launch: .launch) { event in
                if let line = line(for: event) { log(line) }
            }
            return ["evaluations": .int(Int64(report.evaluations.count)), "launched": .int(Int64(report.launched.count))]
        case .backfills:
            return try driveBackfills(log: log)
        case .automation:
            return try automation(log: log)
        }
    }

    /// The worker's backfill driver (`advanceBackfills`), then workers for queued backfill runs.
    private func driveBackfills(log: (DaemonLogLine) -> Void) throws -> JSONValue {
        var (plans, broken) = state.withLock { ($0.plans, $0.broken) }
        defer { state.withLock { [plans, broken] in $0.plans = plans; $0.broken = broken } }
        let active = try engine.advanceBackfills(&plans, broken: &broken) { backfill, error in
            log(DaemonLogLine("backfill", subject: backfill.rawValue, why: "cannot be driven: \(error.message)", at: clockNow))
        } advanced: { before, pass in
            // Its decisions, not only the launches: each run it asked for, and each state change.
            let id = before.backfillID.rawValue
            for runID in pass.requested {
                log(DaemonLogLine("backfill", subject: id, why: "requested a run for its next partition", runID: runID, at: clockNow))
            }
            if pass.backfill.status != before.status {
                log(DaemonLogLine(
                    "backfill", subject: id, why: "\(before.status.rawValue) -> \(pass.backfill.status.rawValue)", at: clockNow))
            }
        }
        let launched = try engine.launchQueuedRuns(triggeredBy: .backfill, limit: Limits.daemonRunsInFlightMax) {
            log(DaemonLogLine("launch", subject: "backfill", why: "worker started for a queued backfill run", runID: $0, at: clockNow))
        }
        return ["active": .bool(active), "launched": .int(Int64(launched.count))]
    }

    /// `reconcile tick` when there are conditions (otherwise it would record an empty
    /// evaluation every pass), then workers for the runs it queued.
    private func automation(log: (DaemonLogLine) -> Void) throws -> JSONValue {
        guard !(try engine.loadDefinitions().automation.isEmpty) else { return ["evaluated": .bool(false)] }
        let tick = try engine.automationTick(now: options.now)
        var requested = 0
        for result in tick.evaluation.results {
            for request in result.requested {
                requested += 1
                log(DaemonLogLine(
                    "automation", subject: result.asset, why: "\(result.condition) requested \(request.partition ?? "a run")",
                    runID: request.runID, at: clockNow))
            }
        }
        let launched = try engine.launchQueuedRuns(triggeredBy: .reconcile, limit: Limits.daemonRunsInFlightMax) {
            log(DaemonLogLine("launch", subject: "automation", why: "worker started for a queued automation run", runID: $0, at: clockNow))
        }
        return ["requested": .int(Int64(requested)), "launched": .int(Int64(launched.count))]
    }

    private func line(for event: ScheduleTickEvent) -> DaemonLogLine {
        switch event {
        case .ticked(let tick):
            let why = [tick.status.rawValue, tick.reason].compactMap { $0 }.joined(separator: ": ")
            return DaemonLogLine("tick", subject: tick.tickID, why: why, runID: tick.runID, at: clockNow)
        case .launched(let runID):
            return DaemonLogLine("launch", subject: "schedule", why: "worker started for a queued schedule run", runID: runID, at: clockNow)
        case .baseline(let name, _, let reason):
            return DaemonLogLine("schedule", subject: name, why: reason, at: clockNow)
        case .deferred(let name, let count):
            return DaemonLogLine("tick", subject: name, why: "\(count) more due ticks wait for the next pass", at: clockNow)
        case .stopped(let name):
            return DaemonLogLine("schedule", subject: name, why: "stopped", at: clockNow)
        }
    }

    private func line(for event: SensorEvalEvent) -> DaemonLogLine? {
        switch event {
        case .evaluated(let outcome):
            // Only what an operator acts on is a line: a run asked for, an error, a lost race on
            // the cursor. NO_NEW_DATA and SKIPPED are the quiet case, every pass, for every sensor.
            guard Self.loggedSensorStatuses.contains(outcome.status) else { return nil }
            let why = [outcome.status.rawValue, outcome.reason].compactMap { $0 }.joined(separator: ": ")
            return DaemonLogLine("sensor", subject: outcome.evalID ?? outcome.sensor, why: "\(outcome.sensor) \(why)", at: clockNow)
        case .launched(let runID):
            return DaemonLogLine("launch", subject: "sensor", why: "worker started for a queued sensor run", runID: runID, at: clockNow)
        case .stopped:
            return nil
        }
    }

    /// The sensor outcomes worth a line (`tooSoon` is not even an evaluation).
    static let loggedSensorStatuses: Set<SensorEvalOutcome.Status> = [.triggered, .error, .skippedStaleCursor]

    /// Logs a part's failure unless the same one was logged by the previous pass.
    private func logOnce(_ part: DaemonPart, _ error: OperatorError, log: (DaemonLogLine) -> Void) {
        let text = ([error.message] + error.details).joined(separator: "; ")
        let isNew = state.withLock { state in
            defer { state.lastErrors[part.rawValue] = text }
            return state.lastErrors[part.rawValue] != text
        }
        guard isNew else { return }
        log(DaemonLogLine("error", subject: part.rawValue, why: text + (error.hint.map { " (hint: \($0))" } ?? ""), at: clockNow))
    }

    /// Says once that `arco.yaml` is broken and the last good definitions keep running.
    private func reportDefinitionsProblem(log: (DaemonLogLine) -> Void) {
        let problem = engine.unusedDefinitionsProblem
        let text = problem.map { ([$0.message] + $0.details).joined(separator: "; ") }
        let isNew = state.withLock { state in
            defer { state.lastErrors["definitions"] = text }
            return text != nil && state.lastErrors["definitions"] != text
        }
        guard isNew, let text else { return }
        log(DaemonLogLine("definitions", subject: "arco.yaml", why: "\(text); the last good definitions keep running", at: clockNow))
    }

    /// Records what the pass did, under the fence like every other write.
    private func recordPass(token: Int64, started: Timestamp, summary: [String: JSONValue], log: (DaemonLogLine) -> Void) throws {
        let row = DaemonPassRow(
            holderID: holder.id, token: token, startedAt: started, finishedAt: clockNow,
            summary: CanonicalJSON.encode(.object(summary)))
        do {
            let store = try engine.store()
            try engine.mapStoreErrors { try store.recordDaemonPass(DaemonOptions.leaseName, row) }
        } catch let error as OperatorError {
            if case .fenced(let mine, let current) = error.storeCondition {
                deposed(mine: mine, current: current, leader: nil, source: "fence", log: log)
                return
            }
            throw error
        }
    }
}
