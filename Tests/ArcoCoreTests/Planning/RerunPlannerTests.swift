import ArcoCore
import Testing

/// Which steps a rerun takes from its parent's plan.
@Suite struct RerunPlannerTests {
    static let parent = RunRow(
        runID: "p", runKey: nil, fingerprint: "f", selection: "a+", tags: [:], trigger: RunTrigger(kind: .manual),
        status: .failure, requestedAt: Timestamp(secondsSinceEpoch: 0), stepsTotal: 4, requestedSeq: 1)

    static let steps = [
        ExecutionDecisionTests.row("a", status: .success), ExecutionDecisionTests.row("b", deps: ["a"], status: .failure),
        ExecutionDecisionTests.row("c", deps: ["b"], status: .skipped), ExecutionDecisionTests.row("d", status: .success),
    ]

    @Test("--from-failure takes exactly the steps that did not succeed, with edges inside the rerun only")
    func fromFailure() throws {
        let plan = try RerunPlanner.plan(parent: Self.parent, steps: Self.steps, kind: .fromFailure)
        #expect(plan.map(\.stepKey.rawValue) == ["b", "c"])
        #expect(plan.map { $0.dependsOn.map(\.rawValue) } == [[], ["b"]])
        var succeeded = Self.parent
        succeeded.status = .success
        #expect(throws: RerunPlanner.Failure.parentNotFailed(.success)) {
            try RerunPlanner.plan(parent: succeeded, steps: Self.steps, kind: .fromFailure)
        }
    }

    @Test("--steps closes over the parent's plan with + on either side")
    func subset() throws {
        #expect(try RerunPlanner.plan(parent: Self.parent, steps: Self.steps, kind: .steps(["b"])).map(\.stepKey) == ["b"])
        #expect(try RerunPlanner.plan(parent: Self.parent, steps: Self.steps, kind: .steps(["b+"])).map(\.stepKey) == ["b", "c"])
        #expect(try RerunPlanner.plan(parent: Self.parent, steps: Self.steps, kind: .steps(["+c"])).map(\.stepKey) == ["a", "b", "c"])
        #expect(throws: RerunPlanner.Failure.unknownStep("bb", nearest: ["b", "a", "c"])) {
            try RerunPlanner.plan(parent: Self.parent, steps: Self.steps, kind: .steps(["bb"]))
        }
    }
}
