import ArcoCore
import ArcoEngine
import Testing

/// `Engine.driveRun`: what `arco run` and `arco rerun` do with a reservation, without the binary.
@Suite struct DriveRunTests {
    static let yaml = """
        version: 1
        assets:
          a: { command: "true" }
        """

    static func names(_ events: [RunDriveEvent]) -> [String] {
        events.compactMap { event in
            switch event {
            case .existingRun: "existing"
            case .executing: "executing"
            case .executed: "executed"
            case .queued: "queued"
            case .waiting: "waiting"
            case .step: nil
            }
        }
    }

    @Test("a new foreground run executes here, reports its steps, and ends")
    func executesNewRun() async throws {
        let fixture = try EngineTests.Fixture(yaml: Self.yaml)
        let reservation = try fixture.engine.requestRun(RunRequestOptions(selection: ["a"], runKey: "k"))
        let recorder = EventRecorder<RunDriveEvent>()
        let outcome = try await fixture.engine.driveRun(
            reservation, detach: false, wait: false, options: ExecutionOptions(maxConcurrency: 1), progress: recorder.record)
        #expect(outcome.decision == .execute)
        #expect(outcome.ended && !outcome.existing)
        #expect(outcome.run.status == .success)
        #expect(outcome.steps.map(\.status) == [.success])
        #expect(Self.names(recorder.events) == ["executing", "executed"])
        #expect(recorder.events.contains { if case .step(.stepEnded(_, _, .success, _, _)) = $0 { true } else { false } })
    }

    @Test("a repeated run key reports the existing run; with wait it waits for it, without it only reports it")
    func existingRun() async throws {
        let fixture = try EngineTests.Fixture(yaml: Self.yaml)
        let options = RunRequestOptions(selection: ["a"], runKey: "k")
        let first = try fixture.engine.requestRun(options)
        _ = try await fixture.engine.driveRun(first, detach: false, wait: false, options: ExecutionOptions(maxConcurrency: 1))

        let repeated = try fixture.engine.requestRun(options)
        let recorder = EventRecorder<RunDriveEvent>()
        let reported = try await fixture.engine.driveRun(
            repeated, detach: false, wait: false, options: ExecutionOptions(maxConcurrency: 1), progress: recorder.record)
        #expect(reported.decision == .report)
        #expect(reported.existing && !reported.ended)
        #expect(reported.run.runID == first.runID)
        #expect(Self.names(recorder.events) == ["existing"])

        let waiter = EventRecorder<RunDriveEvent>()
        let waited = try await fixture.engine.driveRun(
            repeated, detach: false, wait: true, options: ExecutionOptions(maxConcurrency: 1), progress: waiter.record)
        #expect(waited.decision == .wait)
        #expect(waited.ended && waited.run.status == .success)
        #expect(Self.names(waiter.events) == ["existing", "waiting"])
    }
}
