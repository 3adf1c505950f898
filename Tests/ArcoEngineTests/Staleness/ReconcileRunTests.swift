import ArcoCore
import ArcoEngine
import Testing

/// `Engine.reconcileRun`: the planned runs in order, stopping at the first failure.
@Suite struct ReconcileRunTests {
    static func yaml(command: String) -> String {
        """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-04 }
        assets:
          raw: { command: "\(command)", partitions: daily }
        """
    }

    @Test("a failed run stops the plan; the outcome counts the runs not started")
    func stopsAtFailure() async throws {
        let fixture = try EngineTests.Fixture(yaml: Self.yaml(command: "false"))
        let plan = try fixture.engine.reconcilePlan(selection: nil)
        #expect(plan.count == 3)
        let recorder = EventRecorder<ReconcileRunEvent>()
        let outcome = try await fixture.engine.reconcileRun(
            plan: plan, options: ExecutionOptions(maxConcurrency: 1), progress: recorder.record)
        #expect(outcome.failed)
        #expect(outcome.results.map(\.run.status) == [.failure])
        #expect(outcome.results.map(\.runKey) == [plan[0].runKey])
        #expect(outcome.notStarted == 2)
        let executing = recorder.events.compactMap { if case .executing(_, let label) = $0 { label } else { nil } }
        #expect(executing == ["raw [2024-01-01]"])
        #expect(recorder.events.contains { if case .ended(outcome.results[0]) = $0 { true } else { false } })
    }

    @Test("max runs starts only the first runs; a key that names an ended run is not run again")
    func maxRunsAndExisting() async throws {
        let fixture = try EngineTests.Fixture(yaml: Self.yaml(command: "true"))
        let plan = try fixture.engine.reconcilePlan(selection: nil)
        let options = ExecutionOptions(maxConcurrency: 1)
        let first = try await fixture.engine.reconcileRun(plan: plan, maxRuns: 1, options: options)
        #expect(!first.failed)
        #expect(first.results.map(\.run.status) == [.success])
        #expect(first.results.map(\.existing) == [false])
        #expect(first.notStarted == 2)

        let recorder = EventRecorder<ReconcileRunEvent>()
        let again = try await fixture.engine.reconcileRun(plan: plan, maxRuns: 1, options: options, progress: recorder.record)
        #expect(again.results.map(\.existing) == [true])
        #expect(again.results.map(\.run.runID) == first.results.map(\.run.runID))
        let notRerun = recorder.events.compactMap { if case .existingEnded(let key, _) = $0 { key } else { nil } }
        #expect(notRerun == [plan[0].runKey])
        #expect(!recorder.events.contains { if case .executing = $0 { true } else { false } })
    }
}
