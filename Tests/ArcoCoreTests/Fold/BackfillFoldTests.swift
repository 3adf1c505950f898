import ArcoCore
import ArcoTesting
import Testing

@Suite struct BackfillFoldTests {
    static func created(_ id: BackfillID = "bf1", total: Int64 = 3) -> EventDraft {
        EventDraft(BackfillCreated(
            backfillID: id, requestKey: "req-\(id)", fingerprint: "fp", selection: "raw", selector: ["type": "all"],
            totalPartitions: total, chunkSize: 2, maxConcurrentRuns: 2))
    }

    static func change(_ from: BackfillState, _ to: BackfillState, version: Int64, id: BackfillID = "bf1") -> EventDraft {
        EventDraft(BackfillStateChanged(backfillID: id, fromState: from, toState: to, stateVersion: version))
    }

    static func chunk(_ index: Int64, _ keys: [String], id: BackfillID = "bf1") -> EventDraft {
        EventDraft(BackfillChunkPlanned(
            backfillID: id, chunkIndex: index, targets: keys.map { BackfillTarget(asset: "raw", partition: $0) }))
    }

    /// A backfill run for one partition of `raw`, requested with `attempt`.
    static func run(_ runID: RunID, _ key: String, attempt: Int64 = 1) -> EventDraft {
        EventDraft(RunRequested(
            runID: runID,
            runKey: BackfillRunKey.make(backfill: "bf1", asset: "raw", canonicalPartitions: [key], attempt: attempt),
            fingerprint: "f-\(key)", selection: "raw", trigger: RunTrigger(kind: .backfill, reference: "bf1"),
            steps: [PlannedStep(stepKey: StepKey("raw[\(key)]"), asset: "raw", partition: key)]))
    }

    static func fold(_ drafts: [EventDraft]) throws -> (InMemoryProjections, [FoldOutcome]) {
        let projections = InMemoryProjections()
        let outcomes = try projections.fold(LedgerBuilder.eventsWithoutGate(drafts))
        return (projections, outcomes)
    }

    @Test("every valid transition applies and raises the state version; every other one is rejected naming the state")
    func transitions() throws {
        for from in BackfillState.allCases {
            for to in BackfillState.allCases {
                // Reach `from` by a valid path first.
                var drafts = [Self.created()]
                var version: Int64 = 0
                let path: [BackfillState] = switch from {
                case .pending: []
                case .running: [.running]
                case .paused: [.paused]
                case .succeeded: [.running, .succeeded]
                case .failed: [.running, .failed]
                case .canceled: [.canceled]
                }
                var current = BackfillState.pending
                for next in path {
                    version += 1
                    drafts.append(Self.change(current, next, version: version))
                    current = next
                }
                drafts.append(Self.change(from, to, version: version + 1))
                let (projections, outcomes) = try Self.fold(drafts)
                let backfill = try #require(projections.backfill("bf1"))
                if BackfillLifecycle.allows(from, to) {
                    #expect(outcomes.last == .applied, "\(from) → \(to)")
                    #expect(backfill.status == to)
                    #expect(backfill.stateVersion == version + 1)
                    #expect((backfill.endedAt != nil) == to.isFinal)
                } else {
                    #expect(outcomes.last == .rejected("backfill 'bf1' cannot go from \(from.rawValue) to \(to.rawValue)"))
                    #expect(backfill.status == from)
                    #expect(backfill.stateVersion == version)
                }
            }
        }
    }

    @Test("state changes carry the key backfill_state:{id}:{version}:{TO}; a stale version or wrong from-state changes nothing")
    func staleChanges() throws {
        let pause = BackfillStateChanged(backfillID: "bf1", fromState: .running, toState: .paused, stateVersion: 2)
        #expect(pause.idempotencyKey.rawValue == "backfill_state:bf1:2:PAUSED")
        let (projections, outcomes) = try Self.fold([
            Self.created(), Self.change(.pending, .running, version: 1), EventDraft(pause),
            // A concurrent driver still believed it was RUNNING at version 1.
            Self.change(.running, .succeeded, version: 2),
            Self.change(.paused, .running, version: 2),
        ])
        #expect(outcomes[3] == .rejected("backfill 'bf1' is PAUSED, not RUNNING"))
        #expect(outcomes[4] == .rejected("state version 2 of backfill 'bf1' is not 3"))
        #expect(projections.backfill("bf1")?.status == .paused)
        #expect(projections.backfill("bf1")?.stateVersion == 2)
    }

    @Test("chunks are planned in order while RUNNING, never beyond the total; rows start PENDING")
    func chunks() throws {
        let (projections, outcomes) = try Self.fold([
            Self.created(), Self.created("bf2"), Self.chunk(0, ["d1"], id: "bf2"),
            Self.change(.pending, .running, version: 1),
            Self.chunk(1, ["d3"]), Self.chunk(0, ["d1", "d2"]), Self.chunk(2, ["d3", "d4"]), Self.chunk(2, ["d3"]),
        ])
        #expect(outcomes[2] == .rejected("backfill 'bf2' is PENDING; only a RUNNING backfill plans chunks"))
        #expect(outcomes[4] == .rejected("chunk 1 of backfill 'bf1' is not the next one (0)"))
        #expect(outcomes[5] == .applied)
        #expect(outcomes[6] == .rejected("chunk 2 of backfill 'bf1' is not the next one (1)"))
        let backfill = try #require(projections.backfill("bf1"))
        #expect(backfill.planned == 2)
        #expect(backfill.pending == 3)
        #expect(projections.backfillPartition("bf1", asset: "raw", partition: "d2")?.position == 1)
        #expect(projections.backfillPartition("bf1", asset: "raw", partition: "d2")?.status == .pending)
        let (full, fullOutcomes) = try Self.fold([
            Self.created(total: 2), Self.change(.pending, .running, version: 1), Self.chunk(0, ["d1", "d2", "d3"]),
        ])
        #expect(fullOutcomes.last == .rejected("chunk 0 would plan more than the backfill's 2 targets"))
        #expect(full.backfill("bf1")?.planned == 0)
    }

    @Test("partitions follow their runs: queued, running, succeeded or failed, with counters to match")
    func runTracking() throws {
        let (projections, _) = try Self.fold([
            Self.created(), Self.change(.pending, .running, version: 1), Self.chunk(0, ["d1", "d2"]),
            Self.run("r1", "d1"), Self.run("r2", "d2"),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: 1, host: "h")),
            EventDraft(EventBuilders.stepStarted("r1", "raw[d1]")),
            EventDraft(EventBuilders.stepStarted("r2", "raw[d2]")),
            EventDraft(EventBuilders.stepFinished("r1", "raw[d1]")),
            EventDraft(EventBuilders.stepFinished("r2", "raw[d2]", outcome: .failed)),
        ])
        let backfill = try #require(projections.backfill("bf1"))
        #expect((backfill.succeeded, backfill.failed, backfill.queued, backfill.running, backfill.pending) == (1, 1, 0, 0, 1))
        let d1 = try #require(projections.backfillPartition("bf1", asset: "raw", partition: "d1"))
        #expect(d1.status == .succeeded)
        #expect(d1.runID == "r1")
        #expect(d1.attempt == 1)
        #expect(projections.backfillPartition("bf1", asset: "raw", partition: "d2")?.status == .failed)
    }

    @Test("a run lost with its worker leaves its partition PENDING for the next attempt, not FAILED")
    func lostWorker() throws {
        let drafts = [
            Self.created(), Self.change(.pending, .running, version: 1), Self.chunk(0, ["d1"]),
            Self.run("r1", "d1"), EventDraft(RunStarted(runID: "r1", number: 1, pid: 1, host: "h")),
            EventDraft(EventBuilders.stepStarted("r1", "raw[d1]")),
            EventDraft(RunWorkerLost(runID: "r1", number: 1, reason: "worker process 1 exited")),
        ]
        let (lost, _) = try Self.fold(drafts)
        let row = try #require(lost.backfillPartition("bf1", asset: "raw", partition: "d1"))
        #expect(row.status == .pending)
        #expect(row.error == "worker lost: worker process 1 exited; requested again")
        #expect(lost.backfill("bf1")?.failed == 0)

        let (again, _) = try Self.fold(drafts + [
            Self.run("r2", "d1", attempt: 2), EventDraft(EventBuilders.stepStarted("r2", "raw[d1]")),
            EventDraft(EventBuilders.stepFinished("r2", "raw[d1]")),
            // A late fact about the first attempt's run changes nothing.
            EventDraft(RunCancelRequested(runID: "r1", reason: "late")),
        ])
        let retried = try #require(again.backfillPartition("bf1", asset: "raw", partition: "d1"))
        #expect(retried.status == .succeeded)
        #expect(retried.runID == "r2")
        #expect(retried.attempt == 2)
        #expect(again.backfill("bf1")?.succeeded == 1)
    }

    @Test("folding in two batches equals folding at once; duplicates are no-ops")
    func incrementalEqualsRebuilt() throws {
        let drafts = [
            Self.created(), Self.change(.pending, .running, version: 1), Self.chunk(0, ["d1", "d2"]),
            Self.run("r1", "d1"), EventDraft(EventBuilders.stepStarted("r1", "raw[d1]")),
            EventDraft(EventBuilders.stepFinished("r1", "raw[d1]")), Self.chunk(1, ["d3"]),
            Self.change(.running, .paused, version: 2),
        ]
        let events = LedgerBuilder.eventsWithoutGate(drafts)
        let whole = InMemoryProjections()
        try whole.fold(events)
        let split = InMemoryProjections()
        try split.fold(Array(events.prefix(4)))
        try split.fold(Array(events.dropFirst(4)))
        #expect(whole.snapshot() == split.snapshot())
        let duplicated = InMemoryProjections()
        let outcomes = try duplicated.fold(events + events)
        #expect(outcomes.suffix(events.count).allSatisfy { $0 == .duplicate })
        #expect(duplicated.snapshot().withoutPositions == whole.snapshot().withoutPositions)
    }
}
