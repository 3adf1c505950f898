import ArcoCore
import ArcoTesting
import Testing

@Suite struct ScheduleFoldTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    static func fold(_ drafts: [EventDraft]) throws -> (InMemoryProjections, [FoldOutcome]) {
        let projections = InMemoryProjections()
        let outcomes = try projections.fold(LedgerBuilder.eventsWithoutGate(drafts))
        return (projections, outcomes)
    }

    @Test("a tick folds into schedule_ticks and moves the state's newest tick forward only")
    func ticks() throws {
        let newer = ScheduleTicked(
            schedule: "s", scheduledFor: Self.at("2024-01-02T00:00:00Z"), status: .triggered, runKey: "sched:s:1704153600",
            runID: "run_1")
        let older = ScheduleTicked(schedule: "s", scheduledFor: Self.at("2024-01-01T00:00:00Z"), status: .skipped, skipReason: "why")
        let (projections, outcomes) = try Self.fold([EventDraft(newer), EventDraft(older)])
        #expect(outcomes == [.applied, .applied])
        #expect(projections.scheduleTicks["s:1704153600"]?.runID == "run_1")
        #expect(projections.scheduleTicks["s:1704067200"]?.reason == "why")
        #expect(projections.scheduleStates["s"]?.lastTickID == "s:1704153600")
        #expect(projections.scheduleStates["s"]?.lastTickStatus == .triggered)
    }

    @Test("a start or stop must carry the next state version and clears the baseline")
    func stateChanges() throws {
        let baseline = ScheduleBaselineSet(
            schedule: "s", since: Self.at("2024-01-01T00:00:00Z"), cadence: "UTC 0 * * * *", reason: "first evaluation",
            baselineVersion: 1)
        let (projections, outcomes) = try Self.fold([
            EventDraft(baseline), EventDraft(ScheduleStateChanged(schedule: "s", status: .stopped, stateVersion: 1)),
            EventDraft(ScheduleStateChanged(schedule: "s", status: .running, stateVersion: 1)),
        ])
        #expect(outcomes[0] == .applied)
        #expect(outcomes[1] == .applied)
        guard case .rejected = outcomes[2] else { Issue.record("a stale version must be rejected"); return }
        let state = try #require(projections.scheduleStates["s"])
        #expect(state.status == .stopped)
        #expect(state.baselineSince == nil)
        #expect(state.baselineVersion == 1)
    }

    @Test("a baseline must carry the next baseline version; a cleared one drops its cadence")
    func baselines() throws {
        let first = ScheduleBaselineSet(
            schedule: "s", since: Self.at("2024-01-01T00:00:00Z"), cadence: "UTC 0 * * * *", reason: "r", baselineVersion: 1)
        let skipping = ScheduleBaselineSet(
            schedule: "s", since: Self.at("2024-01-01T00:01:00Z"), cadence: "UTC 0 * * * *", reason: "r", baselineVersion: 3)
        let cleared = ScheduleBaselineSet(schedule: "s", since: nil, cadence: "x", reason: "stopped", baselineVersion: 2)
        let (projections, outcomes) = try Self.fold([EventDraft(first), EventDraft(skipping), EventDraft(cleared)])
        #expect(outcomes[0] == .applied)
        guard case .rejected = outcomes[1] else { Issue.record("a version that skips one must be rejected"); return }
        #expect(outcomes[2] == .applied)
        #expect(projections.scheduleStates["s"]?.baselineCadence == nil)
        #expect(projections.scheduleStates["s"]?.progress.cursor == nil)
    }

    @Test("ScheduleBaselineSet round-trips through its payload with the key sched_baseline:{schedule}:{version}")
    func payload() throws {
        let event = ScheduleBaselineSet(
            schedule: "s", since: Self.at("2024-01-01T00:00:00Z"), cadence: "UTC 0 * * * *", reason: "r", baselineVersion: 3)
        #expect(event.idempotencyKey.rawValue == "sched_baseline:s:3")
        #expect(try ScheduleBaselineSet(fields: JSONFields(event.payloadJSON())) == event)
    }
}
