import ArcoCore
import ArcoTesting
import Testing

/// The driver's decisions, played against the real fold until the backfill ends.
@Suite struct BackfillDriverDecisionTests {
    /// Folds everything a simulated world does: drivers' decisions and the runs they request.
    final class World {
        let projections = InMemoryProjections()
        let plan: BackfillPlan
        var seq = 0
        var requested = [BackfillRunRequest]()
        var runOf = [RunKey: RunID]()
        var maxActive = 0

        init(_ targets: BackfillTargets, resolver: BackfillResolver, total: Int64, chunkSize: Int64, maxRuns: Int64) throws {
            plan = BackfillPlan(backfillID: "bf1", targets: targets, resolver: resolver)
            try fold([
                EventDraft(BackfillCreated(
                    backfillID: "bf1", requestKey: "k", selection: "s", selector: ["type": "all"], totalPartitions: total,
                    chunkSize: chunkSize, maxConcurrentRuns: maxRuns)),
                EventDraft(BackfillStateChanged(backfillID: "bf1", fromState: .pending, toState: .running, stateVersion: 1)),
            ])
        }

        func fold(_ drafts: [EventDraft]) throws {
            // Unique event ids: the builder numbers from the start of each batch.
            let events = LedgerBuilder.eventsWithoutGate(drafts).map { event -> Event in
                var event = event
                seq += 1
                event.row.seq = Int64(seq)
                event.row.eventID = EventID("evt_\(seq)")
                return event
            }
            try projections.fold(events)
        }

        var backfill: BackfillRow { projections.backfill("bf1")! }
        var unfinished: [BackfillPartitionRow] {
            projections.snapshot().backfillPartitions.filter { $0.backfillID == "bf1" && $0.status != .succeeded }
        }

        /// One driver pass: plan and request, recorded in one batch.
        func pass() throws -> BackfillDriverDecision {
            let decision = try BackfillDriverDecision.decide(backfill, plan: plan, unfinished: unfinished)
            var drafts = decision.chunks.map { EventDraft($0) }
            for run in decision.runs {
                let runID = RunID("run_\(requested.count)")
                requested.append(run)
                runOf[run.runKey] = runID
                drafts.append(EventDraft(RunRequested(
                    runID: runID, runKey: run.runKey, fingerprint: run.runKey.rawValue, selection: run.asset,
                    trigger: RunTrigger(kind: .backfill, reference: "bf1"), steps: [run.step])))
            }
            if let finish = decision.finish {
                drafts.append(EventDraft(BackfillStateChanged(
                    backfillID: "bf1", fromState: .running, toState: finish, stateVersion: backfill.stateVersion + 1)))
            }
            try fold(drafts)
            maxActive = max(maxActive, Set(unfinished.filter { $0.status.isActive }.compactMap(\.runID)).count)
            return decision
        }

        /// Ends every active run: success unless `fails` says otherwise.
        func finishRuns(fails: (String) -> Bool = { _ in false }, lose: (String) -> Bool = { _ in false }) throws {
            for run in projections.snapshot().runs where run.status == .queued {
                let step = projections.steps(of: run.runID)[0]
                if lose(step.stepKey.rawValue) {
                    try fold([
                        EventDraft(RunStarted(runID: run.runID, number: 1, pid: 1, host: "h")),
                        EventDraft(RunWorkerLost(runID: run.runID, number: 1, reason: "gone")),
                    ])
                    continue
                }
                try fold([
                    EventDraft(EventBuilders.stepStarted(run.runID.rawValue, step.stepKey.rawValue)),
                    EventDraft(EventBuilders.stepFinished(
                        run.runID.rawValue, step.stepKey.rawValue, outcome: fails(step.stepKey.rawValue) ? .failed : .succeeded)),
                ])
            }
        }

        func drive(fails: (String) -> Bool = { _ in false }, lose: (String) -> Bool = { _ in false }) throws {
            var passes = 0
            while !backfill.status.isFinal && passes < 500 {
                _ = try pass()
                try finishRuns(fails: fails, lose: lose)
                passes += 1
            }
        }
    }

    static func dailyWorld(days: Int, chunkSize: Int64 = 3, maxRuns: Int64 = 2, assets: [AssetKey] = ["daily_orders"])
        throws -> World
    {
        let resolver = try BackfillResolverTests.resolver()
        let last = String(format: "2024-01-%02d", days)
        let targets = try resolver.resolve(assets, .range(from: "2024-01-07", to: last))
        return try World(targets, resolver: resolver, total: Int64(targets.total), chunkSize: chunkSize, maxRuns: maxRuns)
    }

    @Test("chunks are planned as room opens, at most max-concurrent-runs run at once, and each target runs exactly once")
    func exactlyOnce() throws {
        let world = try Self.dailyWorld(days: 20)
        try world.drive()
        #expect(world.backfill.status == .succeeded)
        #expect(world.backfill.succeeded == 14)
        #expect(world.maxActive <= 2)
        let keys = world.requested.flatMap(\.partitions)
        #expect(keys.count == 14)
        #expect(Set(keys).count == 14, "a partition was requested twice")
        #expect(world.requested.allSatisfy { $0.attempt == 1 })
        #expect(world.backfill.plannedChunks == 5)
    }

    @Test("a recorded chunk size of Int64.max plans one chunk of every target instead of overflowing")
    func hugeChunkSize() throws {
        let world = try Self.dailyWorld(days: 20, chunkSize: .max)
        try world.drive()
        #expect(world.backfill.status == .succeeded)
        #expect(world.backfill.succeeded == 14)
        #expect(world.backfill.plannedChunks == 1)
    }

    @Test("a weekly asset below a daily range waits for its days; a failed day blocks its week and fails the backfill")
    func dependencies() throws {
        let world = try Self.dailyWorld(days: 14, chunkSize: 4, maxRuns: 3, assets: ["daily_orders", "weekly", "report"])
        try world.drive(fails: { $0 == "daily_orders[2024-01-09]" })
        #expect(world.backfill.status == .failed)
        #expect(world.backfill.failed == 1)
        let assets = world.requested.map(\.asset)
        #expect(world.requested.filter { $0.asset == "weekly" }.map(\.partitions) == [["2024-01-14"]],
                "the week holding the failed day never runs; the next week does")
        #expect(!assets.contains("report"), "the report reads the failed week and must never run")
        #expect(world.backfill.succeeded == 7 + 1, "every day but the failed one, and the week of Jan 14")
        #expect(world.backfill.pending == 2, "the week of Jan 7 and the report were never requested")

        let clean = try Self.dailyWorld(days: 14, chunkSize: 4, maxRuns: 3, assets: ["daily_orders", "weekly", "report"])
        try clean.drive()
        #expect(clean.backfill.status == .succeeded)
        let order = clean.requested.map { $0.asset + ($0.partitions.first.map { "[\($0)]" } ?? "") }
        let week = try #require(order.firstIndex(of: "weekly[2024-01-07]"))
        #expect(order.firstIndex(of: "daily_orders[2024-01-13]")! < week)
        #expect(order.last == "report")
    }

    @Test("a run lost with its worker is requested again with the next attempt and does not fail the backfill")
    func lostWorker() throws {
        let world = try Self.dailyWorld(days: 9)
        var lostOnce = false
        try world.drive(lose: { key in
            guard key == "daily_orders[2024-01-08]", !lostOnce else { return false }
            lostOnce = true
            return true
        })
        #expect(world.backfill.status == .succeeded)
        let attempts = world.requested.filter { $0.partitions == ["2024-01-08"] }.map(\.attempt)
        #expect(attempts == [1, 2])
        #expect(world.backfill.failed == 0)
    }

    @Test("a second driver's pass decided from a stale state adds no chunk and no run when it lands")
    func staleSecondDriver() throws {
        let world = try Self.dailyWorld(days: 10)
        let stale = (world.backfill, world.unfinished)
        _ = try world.pass()
        let runsBefore = world.projections.snapshot().runs.count
        let late = try BackfillDriverDecision.decide(stale.0, plan: world.plan, unfinished: stale.1)
        #expect(!late.runs.isEmpty && !late.chunks.isEmpty)
        try world.fold(late.chunks.map { EventDraft($0) } + late.runs.enumerated().map { index, run in
            EventDraft(RunRequested(
                runID: RunID("late_\(index)"), runKey: run.runKey, fingerprint: run.runKey.rawValue, selection: run.asset,
                trigger: RunTrigger(kind: .backfill, reference: "bf1"), steps: [run.step]))
        })
        #expect(world.projections.snapshot().runs.count == runsBefore, "the same run keys name the runs already requested")
        #expect(world.backfill.plannedChunks == 1)
    }

    @Test("a single_run asset gets one ranged run per chunk")
    func singleRun() throws {
        let resolver = try BackfillResolverTests.resolver([
            RunPlannerTests.asset("daily_orders", partitions: "daily", policy: .singleRun),
        ])
        let targets = try resolver.resolve(["daily_orders"], .range(from: "2024-01-01", to: "2024-01-10"))
        let world = try World(targets, resolver: resolver, total: 10, chunkSize: 4, maxRuns: 2)
        try world.drive()
        #expect(world.backfill.status == .succeeded)
        #expect(world.requested.map(\.step.stepKey.rawValue) == [
            "daily_orders[2024-01-01...2024-01-04]", "daily_orders[2024-01-05...2024-01-08]",
            "daily_orders[2024-01-09...2024-01-10]",
        ])
        #expect(world.backfill.succeeded == 10)
    }

    @Test("a failed day below a single_run asset: the rest of its range still runs and the backfill ends FAILED")
    func singleRunBelowFailure() throws {
        let resolver = try BackfillResolverTests.resolver([
            RunPlannerTests.asset("daily_orders", partitions: "daily"),
            RunPlannerTests.asset("rollup", deps: ["daily_orders"], partitions: "daily", policy: .singleRun),
        ])
        let targets = try resolver.resolve(["daily_orders", "rollup"], .range(from: "2024-01-01", to: "2024-01-05"))
        #expect(targets.total == 10)
        let world = try World(targets, resolver: resolver, total: 10, chunkSize: 10, maxRuns: 4)
        try world.drive(fails: { $0 == "daily_orders[2024-01-02]" })
        #expect(world.backfill.status == .failed, "the backfill must end, not wait on a range that can never run")
        #expect(world.backfill.pending == 1, "only the day below the failure never ran")
        let ranged = world.requested.filter { $0.asset == "rollup" }.map(\.partitions)
        #expect(ranged == [["2024-01-01"], ["2024-01-03", "2024-01-04", "2024-01-05"]])
    }

    @Test("a paused backfill plans and requests nothing")
    func paused() throws {
        let world = try Self.dailyWorld(days: 10)
        try world.fold([EventDraft(BackfillStateChanged(backfillID: "bf1", fromState: .running, toState: .paused, stateVersion: 2))])
        let decision = try BackfillDriverDecision.decide(world.backfill, plan: world.plan, unfinished: world.unfinished)
        #expect(decision.chunks.isEmpty && decision.runs.isEmpty && decision.finish == nil)
    }
}
