import ArcoCore
import ArcoTesting
import Testing

@Suite struct EventCatalogTests {
    static let at = Timestamp(secondsSinceEpoch: 1_736_935_200)

    /// One draft of every event in the catalog, with the idempotency key ARCHITECTURE §5 requires.
    static let cases: [(EventDraft, String)] = [
        (EventDraft(EventBuilders.runRequested("r1", runKey: "nightly-1", fingerprint: "abc")),
         "runreq:nightly-1:\(SHA256Hex.digest("abc"))"),
        (EventDraft(EventBuilders.runRequested("r1")), "run:r1"),
        (EventDraft(RunStarted(runID: "r1", number: 2, pid: 7, host: "h")), "run_started:r1:2"),
        (EventDraft(RunWorkerLost(runID: "r1", number: 2, reason: "gone")), "worker_lost:r1:2"),
        (EventDraft(RunCancelRequested(runID: "r1", reason: "ctrl-c")), "cancel_req:r1"),
        (EventDraft(EventBuilders.stepStarted("r1", "raw", attempt: 3)), "started:r1:raw:3"),
        (EventDraft(EventBuilders.stepFinished("r1", "raw", attempt: 3)), "finished:r1:raw:3"),
        (EventDraft(AssetMaterialized(asset: "raw", partition: "2024-01-01", runID: "r1", stepKey: "raw[2024-01-01]",
                                      attempt: 1, codeVersion: "3", dataVersion: "dv")), "mat:r1:raw[2024-01-01]:1"),
        // A ranged (single_run) step materializes each partition under its own key.
        (EventDraft(AssetMaterialized(asset: "raw", partition: "2024-01-02", runID: "r1",
                                      stepKey: "raw[2024-01-01...2024-01-03]", attempt: 1, codeVersion: "3", dataVersion: "dv")),
         "mat:r1:raw[2024-01-01...2024-01-03]:1:2024-01-02"),
        (EventDraft(AssetMaterialized(asset: "raw", partition: nil, runID: nil, stepKey: nil, attempt: nil,
                                      reportKey: "ext-9", codeVersion: nil, dataVersion: "dv")), "mat:report:ext-9"),
        (EventDraft(ScheduleTicked(schedule: "nightly", scheduledFor: at, status: .triggered)),
         "sched_tick:nightly:1736935200"),
        (EventDraft(ScheduleStateChanged(schedule: "nightly", status: .running, stateVersion: 2)),
         "sched_state:nightly:2:RUNNING"),
        (EventDraft(SensorEvaluated(sensor: "s", evalID: "e1", trigger: .push(messageID: "m1"), cursorBefore: nil,
                                    cursorAfter: nil, expectedStateVersion: nil, status: .triggered)),
         "sensor_eval:s:msg:m1"),
        (EventDraft(SensorEvaluated(sensor: "s", evalID: "e2", trigger: .poll(epochSeconds: 60), cursorBefore: "c1",
                                    cursorAfter: "c2", expectedStateVersion: 4, status: .noNewData)),
         "sensor_eval:s:poll:60:\(SHA256Hex.digest("c1"))"),
        (EventDraft(SensorEvaluated(sensor: "s", evalID: "e3", trigger: .poll(epochSeconds: 60), cursorBefore: nil,
                                    cursorAfter: nil, expectedStateVersion: 0, status: .noNewData)),
         "sensor_eval:s:poll:60:none"),
        (EventDraft(SensorStateChanged(sensor: "s", status: .stopped, stateVersion: 5)), "sensor_state:s:5:STOPPED"),
        (EventDraft(SensorCursorSet(sensor: "s", cursor: nil, stateVersion: 6)), "sensor_cursor:s:6:none"),
        (EventDraft(ScheduleBaselineSet(
            schedule: "nightly", since: Timestamp(secondsSinceEpoch: 1_736_935_200), cadence: "UTC 0 2 * * *",
            reason: "first evaluation", baselineVersion: 2)), "sched_baseline:nightly:2"),
        (EventDraft(BackfillCreated(backfillID: "bf1", requestKey: "req-1", selection: "raw",
                                    selector: ["type": "all"], totalPartitions: 10, chunkSize: 5, maxConcurrentRuns: 2)),
         "backfill_create:req-1"),
        (EventDraft(BackfillCreated(backfillID: "bf2", requestKey: "req-2", selection: "raw", selector: ["type": "all"],
                                    totalPartitions: 1, chunkSize: 5, maxConcurrentRuns: 2, parentBackfillID: "bf1",
                                    retryRequestID: "rr1")), "backfill_retry:bf1:rr1"),
        (EventDraft(BackfillChunkPlanned(backfillID: "bf1", chunkIndex: 3, targets: [])), "backfill_chunk:bf1:3"),
        (EventDraft(BackfillStateChanged(backfillID: "bf_001", fromState: .running, toState: .paused, stateVersion: 8)),
         "backfill_state:bf_001:8:PAUSED"),
        (EventDraft(AutomationEvaluated(evaluatedAt: at, results: [
            AutomationResult(asset: "clean", condition: "eager", requested: [
                AutomationRequested(partition: "2025-01-15", runKey: "automation:clean:2025-01-15:abc", runID: "run_1"),
            ], skipReason: nil),
            AutomationResult(asset: "raw", condition: "on_missing", requested: [], skipReason: "disabled"),
        ])), "automation_eval:2025-01-15T10:00:00.000000Z"),
    ]

    @Test("every event's idempotency key is derived exactly as the architecture's table says")
    func idempotencyKeys() {
        for (draft, expected) in Self.cases {
            #expect(draft.idempotencyKey.rawValue == expected, "\(draft.payload.storedType)")
        }
    }

    @Test("every event round-trips through its canonical payload")
    func roundTrip() throws {
        var builder = LedgerBuilder()
        builder.append(Self.cases.map(\.0))
        #expect(builder.rows.count == Self.cases.count)
        for (row, (draft, _)) in zip(builder.rows, Self.cases) {
            let decoded = try row.decoded()
            #expect(decoded.payload == draft.payload, "\(row.type)")
            #expect(CanonicalJSON.encode(try JSONParser.parse(row.payload)) == row.payload)
        }
    }

    @Test("the catalog covers every stored type once, and stored names are stable")
    func storedTypes() {
        #expect(EventCatalog.storedTypes.count == EventCatalog.bodyTypes.count)
        #expect(EventCatalog.storedTypes == [
            "RunRequested", "RunStarted", "RunWorkerLost", "RunCancelRequested", "StepStarted", "StepFinished",
            "AssetMaterialized", "ScheduleTicked", "ScheduleStateChanged", "SensorEvaluated", "SensorStateChanged",
            "SensorCursorSet", "BackfillCreated", "BackfillChunkPlanned", "BackfillStateChanged",
            "DynamicPartitionsChanged", "AutomationEvaluated", "ScheduleBaselineSet",
        ])
    }

    @Test("an unknown type, or a known type at a newer version, decodes as unknown")
    func unknownTypes() throws {
        #expect(try EventCatalog.decode(type: "Teleported", version: 1, payload: [:]) == .unknown(type: "Teleported", version: 1))
        #expect(try EventCatalog.decode(type: "RunStarted", version: 99, payload: [:]) == .unknown(type: "RunStarted", version: 99))
    }

    @Test("a payload missing a required member fails to decode and names the member")
    func missingMember() {
        do {
            _ = try EventCatalog.decode(type: "RunStarted", version: 1, payload: ["run_id": "r1", "pid": 1, "host": "h"])
            Issue.record("expected a decoding error")
        } catch {
            #expect(error.field == "n")
        }
    }

    @Test("dynamic partition changes are keyed by content and version")
    func dynamicPartitionKeys() {
        let first = DynamicPartitionsChanged(partitionsDef: "events", added: ["a"], removed: [], stateVersion: 1)
        let again = DynamicPartitionsChanged(partitionsDef: "events", added: ["a"], removed: [], stateVersion: 1)
        let later = DynamicPartitionsChanged(partitionsDef: "events", added: ["a"], removed: [], stateVersion: 3)
        let other = DynamicPartitionsChanged(partitionsDef: "events", added: ["b"], removed: [], stateVersion: 1)
        #expect(first.idempotencyKey == again.idempotencyKey)
        #expect(first.idempotencyKey != later.idempotencyKey)
        #expect(first.idempotencyKey != other.idempotencyKey)
    }
}
