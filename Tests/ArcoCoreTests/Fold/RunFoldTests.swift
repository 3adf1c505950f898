import ArcoCore
import ArcoTesting
import Testing

@Suite struct RunFoldTests {
    static func fold(_ drafts: [EventDraft]) throws -> (InMemoryProjections, [FoldOutcome]) {
        let projections = InMemoryProjections()
        let outcomes = try projections.fold(LedgerBuilder.eventsWithoutGate(drafts))
        return (projections, outcomes)
    }

    @Test("a requested run is queued with its steps pending")
    func requested() throws {
        let (projections, _) = try Self.fold([EventDraft(EventBuilders.runRequested("r1", assets: ["a", "b"]))])
        let run = try #require(projections.run("r1"))
        #expect(run.status == .queued)
        #expect(run.stepsTotal == 2)
        #expect(projections.steps(of: "r1").map(\.status) == [.pending, .pending])
        #expect(projections.steps(of: "r1").map(\.dependsOn) == [[], ["a"]])
    }

    @Test("a run succeeds when its last step succeeds")
    func succeeds() throws {
        let (projections, _) = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1", assets: ["a", "b"])),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: 9, host: "h")),
            EventDraft(EventBuilders.stepStarted("r1", "a")), EventDraft(EventBuilders.stepFinished("r1", "a")),
            EventDraft(EventBuilders.stepStarted("r1", "b")), EventDraft(EventBuilders.stepFinished("r1", "b")),
        ])
        let run = try #require(projections.run("r1"))
        #expect(run.status == .success)
        #expect(run.finishedAt != nil)
        #expect(run.pid == 9)
    }

    @Test("a failed step skips everything downstream while independent steps go on")
    func failureSkipsDownstream() throws {
        var request = EventBuilders.runRequested("r1", assets: ["a", "b", "c"])
        request.steps.append(PlannedStep(stepKey: "side", asset: "side"))
        let (projections, _) = try Self.fold([
            EventDraft(request),
            EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(EventBuilders.stepFinished("r1", "a", outcome: .failed)),
        ])
        let statuses = Dictionary(uniqueKeysWithValues: projections.steps(of: "r1").map { ($0.stepKey, $0.status) })
        #expect(statuses == ["a": .failure, "b": .skipped, "c": .skipped, "side": .pending])
        #expect(projections.run("r1")?.status == .started)
    }

    @Test("a finish from a superseded attempt is rejected and the newer attempt keeps running")
    func staleAttemptRejected() throws {
        let (projections, outcomes) = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1")),
            EventDraft(EventBuilders.stepStarted("r1", "a", attempt: 1)),
            EventDraft(EventBuilders.stepStarted("r1", "a", attempt: 2)),
            EventDraft(
                StepFinished(runID: "r1", stepKey: "a", attempt: 1, attemptID: "r1/a/1", outcome: .succeeded)),
        ])
        #expect(outcomes.last.map { if case .rejected = $0 { true } else { false } } == true)
        let step = try #require(projections.step("r1", "a"))
        #expect(step.status == .running)
        #expect(step.attempt == 2)
        #expect(projections.meta.rejectedEvents == 1)
    }

    @Test("a rejected event is recorded and does not block a later valid event")
    func rejectionDoesNotBlock() throws {
        let (projections, outcomes) = try Self.fold([
            EventDraft(RunStarted(runID: "ghost", number: 1, pid: 1, host: "h")),
            EventDraft(EventBuilders.runRequested("ghost")),
            EventDraft(RunStarted(runID: "ghost", number: 2, pid: 1, host: "h")),
        ])
        #expect(outcomes[0] == .rejected("unknown run 'ghost'"))
        #expect(outcomes[2] == .applied)
        #expect(projections.snapshot().rejections.map(\.reason) == ["unknown run 'ghost'"])
        // Claimed but no step started yet: STARTING, as Dagster reports a launched run.
        #expect(projections.run("ghost")?.status == .starting)
    }

    @Test("cancel cancels pending steps and the run ends canceled once running steps end")
    func cancel() throws {
        let drafts = [
            EventDraft(EventBuilders.runRequested("r1", assets: ["a", "b"])),
            EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(RunCancelRequested(runID: "r1", reason: "ctrl-c")),
        ]
        let (midway, _) = try Self.fold(drafts)
        #expect(midway.step("r1", "b")?.status == .canceled)
        #expect(midway.run("r1")?.status == .canceling)
        let (ended, _) = try Self.fold(drafts + [EventDraft(EventBuilders.stepFinished("r1", "a", outcome: .canceled))])
        #expect(ended.run("r1")?.status == .canceled)
        #expect(ended.run("r1")?.reason == "canceled: ctrl-c")
    }

    @Test("a lost worker fails the run, its running steps, and cancels the rest")
    func workerLost() throws {
        let (projections, outcomes) = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1", assets: ["a", "b"])),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: 5, host: "h")),
            EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(RunWorkerLost(runID: "r1", number: 1, reason: "pid 5 is gone")),
            EventDraft(EventBuilders.stepFinished("r1", "a")),
        ])
        let run = try #require(projections.run("r1"))
        #expect(run.status == .failure)
        #expect(run.reason == "worker lost: pid 5 is gone")
        #expect(projections.steps(of: "r1").map(\.status) == [.failure, .canceled])
        #expect(outcomes.last == .rejected("step 'a' already ended"))
    }

    @Test("a loss recorded after the run ended changes nothing and is counted as a rejection")
    func lateWorkerLost() throws {
        let ended: [EventDraft] = [
            EventDraft(EventBuilders.runRequested("r1", assets: ["a"])),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: 5, host: "h")),
            EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(EventBuilders.stepFinished("r1", "a")),
        ]
        let (before, _) = try Self.fold(ended)
        let (after, outcomes) = try Self.fold(ended + [EventDraft(RunWorkerLost(runID: "r1", number: 1, reason: "pid 5 is gone"))])
        #expect(before.run("r1")?.status == .success)
        #expect(after.run("r1") == before.run("r1"))
        #expect(after.steps(of: "r1") == before.steps(of: "r1"))
        #expect(outcomes.last == .rejected("run 'r1' already ended"))
    }

    @Test("a plan with a repeated step key or a dependency on a missing step is rejected")
    func invalidPlans() throws {
        var repeated = EventBuilders.runRequested("r1", assets: ["a"])
        repeated.steps.append(PlannedStep(stepKey: "a", asset: "a"))
        var dangling = EventBuilders.runRequested("r2", assets: ["a"])
        dangling.steps.append(PlannedStep(stepKey: "b", asset: "b", dependsOn: ["ghost"]))
        let (projections, outcomes) = try Self.fold([EventDraft(repeated), EventDraft(dangling)])
        #expect(outcomes == [
            .rejected("run 'r1' has an invalid plan: step 'a' appears twice"),
            .rejected("run 'r2' has an invalid plan: step 'b' depends on unknown step 'ghost'"),
        ])
        #expect(projections.run("r1") == nil)
        #expect(projections.run("r2") == nil)
    }

    @Test("a run key's first request wins; a different fingerprint is recorded as a conflict")
    func runKeyConflict() throws {
        let (projections, _) = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1", runKey: "k", fingerprint: "f1")),
            EventDraft(EventBuilders.runRequested("r2", runKey: "k", fingerprint: "f2")),
        ])
        #expect(projections.runKey("k")?.runID == "r1")
        #expect(projections.run("r2") == nil)
        let conflicts = projections.snapshot().runKeyConflicts
        #expect(conflicts.map(\.conflictingFingerprint) == ["f2"])
        #expect(conflicts.map(\.existingRunID) == ["r1"])
    }

    @Test("dynamic partitions: add is idempotent, remove ignores missing keys, versions must follow")
    func dynamicPartitions() throws {
        let (projections, outcomes) = try Self.fold([
            EventDraft(DynamicPartitionsChanged(partitionsDef: "ev", added: ["a", "b"], removed: [], stateVersion: 1)),
            EventDraft(DynamicPartitionsChanged(partitionsDef: "ev", added: ["a"], removed: ["zzz", "b"], stateVersion: 2)),
            EventDraft(DynamicPartitionsChanged(partitionsDef: "ev", added: ["c"], removed: [], stateVersion: 2)),
        ])
        #expect(outcomes[2] == .rejected("dynamic partitions 'ev' are at version 2, not 1"))
        #expect(projections.snapshot().dynamicPartitions.map(\.key) == ["a"])
        #expect(projections.dynamicPartitionsVersion("ev") == 2)
    }

    @Test("a late materialization from a superseded attempt is rejected and changes no data version")
    func staleAttemptFact() throws {
        func materialized(attempt: Int64, version: String) -> EventDraft {
            EventDraft(AssetMaterialized(
                asset: "a", partition: nil, runID: "r1", stepKey: "a", attempt: attempt, codeVersion: nil,
                dataVersion: version))
        }
        let (projections, outcomes) = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1", assets: ["a"])),
            EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(EventBuilders.stepFinished("r1", "a", outcome: .failed, willRetry: true)),
            EventDraft(EventBuilders.stepStarted("r1", "a", attempt: 2)),
            materialized(attempt: 2, version: "new"),
            EventDraft(EventBuilders.stepFinished("r1", "a", attempt: 2)),
            materialized(attempt: 1, version: "stale"),
            EventDraft(EventBuilders.stepFinished("r1", "a", attempt: 1, outcome: .failed)),
        ])
        #expect(outcomes[6] == .rejected("materialization from attempt 1 of step 'a' is not the current attempt"))
        #expect(outcomes[7] == .duplicate, "a replayed end of attempt 1 is stopped by the idempotency gate")
        #expect(projections.partitionStatus("a", "")?.dataVersion == "new")
        #expect(projections.snapshot().materializations.map(\.dataVersion) == ["new"])
        #expect(projections.step("r1", "a")?.status == .success)
        #expect(projections.step("r1", "a")?.attempt == 2)
    }

    @Test("a claimed run is STARTING until a step starts; a canceled one is CANCELING while steps still run")
    func dagsterStatuses() throws {
        let claimed = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1", assets: ["a"])),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: 9, host: "h")),
        ]).0
        #expect(claimed.run("r1")?.status == .starting)
        let canceled = try Self.fold([
            EventDraft(EventBuilders.runRequested("r1", assets: ["a"])),
            EventDraft(RunCancelRequested(runID: "r1", reason: "before it started")),
        ]).0
        #expect(canceled.run("r1")?.status == .canceled, "a run with nothing running ends at once")
    }
}
