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

    @Test("a failed run blocks only the runs that read it; independent runs go on, in parallel too", arguments: [1, 3])
    func failureBlocksDependents(concurrentRuns: Int) async throws {
        let fixture = try EngineTests.Fixture(yaml: """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: 2024-01-04 }
            assets:
              raw: { command: 'test "$ARCO_PARTITION_KEY" != 2024-01-02', partitions: daily }
              report: { command: "true", deps: [raw] }
            """)
        let plan = try fixture.engine.reconcilePlan(selection: nil)
        #expect(plan.map(\.label) == ["raw [2024-01-01]", "raw [2024-01-02]", "raw [2024-01-03]", "report"])
        let recorder = EventRecorder<ReconcileRunEvent>()
        let outcome = try await fixture.engine.reconcileRun(
            plan: plan, maxConcurrentRuns: concurrentRuns, options: ExecutionOptions(maxConcurrency: 1),
            progress: recorder.record)
        #expect(outcome.failed)
        #expect(outcome.results.map(\.run.status) == [.success, .failure, .success])
        #expect(outcome.results.map(\.runKey) == plan.prefix(3).map(\.runKey))
        #expect(outcome.notStarted == 1)
        #expect(outcome.blocked.map(\.label) == ["report"])
        let executing = recorder.events.compactMap { if case .executing(_, let label, _, let total) = $0 { "\(label) of \(total)" } else { nil } }
        #expect(executing.sorted() == ["raw [2024-01-01] of 4", "raw [2024-01-02] of 4", "raw [2024-01-03] of 4"])
        #expect(recorder.events.contains { if case .ended(outcome.results[1]) = $0 { true } else { false } })
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
