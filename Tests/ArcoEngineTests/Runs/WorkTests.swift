import ArcoCore
import ArcoEngine
import ArcoStore
import Foundation
import Testing

/// `Engine.work`: the worker loop `arco worker` and every spawned worker run.
@Suite struct WorkTests {
    @Test("with once, the worker executes every queued run, reports each end, and returns")
    func onceExecutesQueue() async throws {
        let fixture = try EngineTests.Fixture(yaml: """
            version: 1
            assets:
              a: { command: "true" }
              b: { command: "false" }
            """)
        let queued = try ["a", "b"].map { asset in
            try fixture.engine.requestRun(RunRequestOptions(selection: [asset], detached: true)).runID
        }
        let recorder = EventRecorder<WorkerEvent>()
        let outcome = try await fixture.engine.work(stepConcurrency: 1, once: true, progress: recorder.record)
        #expect(outcome.runsExecuted == 2)
        var ended = [RunID: RunStatus]()
        for case .runEnded(let runID, let status) in recorder.events { ended[runID] = status }
        #expect(ended == [queued[0]: .success, queued[1]: .failure])
        #expect(recorder.events.contains { if case .step(queued[1], .stepEnded(_, _, .failure, _, _)) = $0 { true } else { false } })
        #expect(try fixture.engine.runDetail(queued[0]).0.status == .success)
    }

    @Test("for one run, the worker executes only that run and returns")
    func onlyOneRun() async throws {
        let fixture = try EngineTests.Fixture(yaml: "version: 1\nassets:\n  a: { command: \"true\" }\n")
        let first = try fixture.engine.requestRun(RunRequestOptions(selection: ["a"], detached: true)).runID
        let second = try fixture.engine.requestRun(RunRequestOptions(selection: ["a"], detached: true)).runID
        let outcome = try await fixture.engine.work(only: second, stepConcurrency: 1, once: false)
        #expect(outcome.runsExecuted == 1)
        #expect(try fixture.engine.runDetail(second).0.status == .success)
        #expect(try fixture.engine.runDetail(first).0.status == .queued)
    }

    @Test("a stop reason given before the loop starts claims nothing")
    func stopped() async throws {
        let fixture = try EngineTests.Fixture(yaml: "version: 1\nassets:\n  a: { command: \"true\" }\n")
        let runID = try fixture.engine.requestRun(RunRequestOptions(selection: ["a"], detached: true)).runID
        let outcome = try await fixture.engine.work(stepConcurrency: 1, once: false, stopReason: { "stopping" })
        #expect(outcome.runsExecuted == 0)
        #expect(try fixture.engine.runDetail(runID).0.status == .queued)
    }

    @Test("a backfill arco.yaml no longer resolves is reported the first time a pass sees it, not on every pass")
    func brokenBackfillOnce() async throws {
        let yaml = """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: END }
            assets:
              raw: { command: "true", partitions: daily }
            """
        let fixture = try EngineTests.Fixture(yaml: yaml.replacingOccurrences(of: "END", with: "2024-01-03"))
        let created = try fixture.engine.createBackfill(BackfillRequestOptions(selection: "raw", selector: .all))
        try yaml.replacingOccurrences(of: "END", with: "2024-01-05")
            .write(toFile: fixture.root + "/arco.yaml", atomically: true, encoding: .utf8)
        let recorder = EventRecorder<WorkerEvent>()
        // Three passes, a poll interval apart; then the loop stops.
        let deadline = ContinuousClock.now + Engine.workerPollInterval * 2.5
        let outcome = try await fixture.engine.work(
            stepConcurrency: 1, once: false, stopReason: { ContinuousClock.now < deadline ? nil : "test over" },
            progress: recorder.record)
        #expect(outcome.runsExecuted == 0)
        let broken = recorder.events.compactMap { if case .backfillBroken(let id, _) = $0 { id } else { nil } }
        #expect(broken == [created.backfill.backfillID])
    }

    @Test("a store that refuses the backfill driver's write (here a deposed daemon's fence) stops the pass; the backfill is not set aside")
    func storeConditionStopsThePass() async throws {
        let fixture = try EngineTests.Fixture(yaml: """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: 2024-01-03 }
            assets:
              raw: { command: "true", partitions: daily }
            """)
        _ = try fixture.engine.createBackfill(BackfillRequestOptions(selection: "raw", selector: .all))
        var environment = EngineEnvironment(clock: fixture.clock, ids: RandomIDGenerator())
        // A fence with no tenure: every write this engine opens is refused, as a deposed leader's.
        environment.fence = LeaseFence()
        let deposed = Engine(workspace: Workspace(root: fixture.root), environment: environment)
        let recorder = EventRecorder<WorkerEvent>()
        await #expect {
            _ = try await deposed.work(stepConcurrency: 1, once: true, progress: recorder.record)
        } throws: { error in
            guard let error = error as? OperatorError, case .fenced = error.storeCondition else { return false }
            return true
        }
        #expect(!recorder.events.contains { if case .backfillBroken = $0 { true } else { false } })
        // The backfill is untouched and the next (unfenced) worker drives it to the end.
        let outcome = try await fixture.engine.work(stepConcurrency: 1, once: true)
        #expect(outcome.runsExecuted == 2)
    }
}

