import ArcoCore

/// One behavioural suite for every `ProjectionWriter`: the in-memory writer and the SQLite tables
/// must answer the same reads after the same writes (dagster's shared storage suite, in Swift).
///
/// Each check returns the problems it found, so a test target can `#expect(problems.isEmpty)`
/// with the full list in the failure message.
public enum ProjectionWriterConformance {
    /// Runs every check against a fresh, empty writer.
    public static func run(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        problems += try runsAndSteps(writer)
        problems += try runKeys(writer)
        problems += try dynamicPartitions(writer)
        problems += try bookkeeping(writer)
        problems += try schedules(writer)
        problems += try sensors(writer)
        return problems
    }

    static func sensors(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        expect(try writer.sensorState("hook") == nil, "an unknown sensor has no state", &problems)
        let bare = SensorStateRow(sensor: "hook")
        try writer.upsertSensorState(bare)
        expect(try writer.sensorState("hook") == bare, "a sensor state without optional fields reads back", &problems)
        let full = SensorStateRow(
            sensor: "hook", status: .running, stateVersion: 4, cursor: "c'\n$(x)", lastEvalID: "eval_1",
            lastEvaluatedAt: Timestamp(microsecondsSinceEpoch: 1_704_067_200_000_001), lastEvalStatus: .error, position: 9)
        try writer.upsertSensorState(full)
        expect(try writer.sensorState("hook") == full, "an upserted sensor state replaces the previous row", &problems)
        let eval = SensorEvalRow(
            evalID: "eval_1", sensor: "hook", seq: 7, source: "push", messageID: "m-1", status: .triggered,
            cursorBefore: nil, cursorAfter: "c", stateVersion: 4, reason: nil,
            runRequests: [SensorRunRequest(runKey: "sensor:hook:k", selection: "a", partition: "p", tags: ["t": "1"], runID: "r1")],
            payload: [0, 1, 255], evaluatedAt: Timestamp(secondsSinceEpoch: 1_704_067_200))
        expect(try writer.sensorEval("eval_1") == nil, "an unknown evaluation reads as nil", &problems)
        try writer.insertSensorEval(eval)
        expect(try writer.sensorEval("eval_1") == eval, "an evaluation reads back exactly as written", &problems)
        return problems
    }

    static func schedules(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        expect(try writer.scheduleState("nightly") == nil, "an unknown schedule has no state", &problems)
        let bare = ScheduleStateRow(schedule: "nightly")
        try writer.upsertScheduleState(bare)
        expect(try writer.scheduleState("nightly") == bare, "a state without optional fields reads back", &problems)
        let full = ScheduleStateRow(
            schedule: "nightly", status: .stopped, stateVersion: 2, baselineVersion: 3,
            baselineSince: Timestamp(microsecondsSinceEpoch: 1_704_067_200_000_001), baselineCadence: "Europe/Berlin 0 1 * * *",
            lastTickID: "nightly:1704070800", lastScheduledFor: Timestamp(secondsSinceEpoch: 1_704_070_800),
            lastTickStatus: .skipped)
        try writer.upsertScheduleState(full)
        expect(try writer.scheduleState("nightly") == full, "an upserted schedule state replaces the previous row", &problems)
        try writer.insertScheduleTick(ScheduleTickRow(
            tickID: "nightly:1704070800", schedule: "nightly", scheduledFor: Timestamp(secondsSinceEpoch: 1_704_070_800),
            status: .triggered, runKey: "sched:nightly:1704070800", runID: "r1", reason: nil,
            recordedAt: Timestamp(secondsSinceEpoch: 1_704_070_801)))
        return problems
    }

    private static func expect(_ condition: Bool, _ message: String, _ problems: inout [String]) {
        if !condition { problems.append(message) }
    }

    static func runsAndSteps(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        let run = RunRow(
            runID: "r1", runKey: "k", fingerprint: "f", selection: "a+", tags: ["team": "data", "x": "a,b"],
            trigger: RunTrigger(kind: .schedule, reference: "nightly:1"), status: .queued,
            requestedAt: Timestamp(secondsSinceEpoch: 10), stepsTotal: 2, requestedSeq: 1)
        expect(try writer.run("r1") == nil, "an unknown run reads as nil", &problems)
        try writer.upsertRun(run)
        expect(try writer.run("r1") == run, "a run reads back exactly as written", &problems)
        var updated = run
        updated.status = .started
        updated.startedAt = Timestamp(microsecondsSinceEpoch: 10_000_001)
        updated.pid = 42
        try writer.upsertRun(updated)
        expect(try writer.run("r1") == updated, "an upserted run replaces the previous row", &problems)
        let second = StepRow(
            runID: "r1", stepKey: "b", position: 1, asset: "b", partition: "2024-01-01|us",
            partitionRange: ["x", "y"], dependsOn: ["a"])
        let first = StepRow(
            runID: "r1", stepKey: "a", position: 0, asset: "a", partition: nil, partitionRange: [], dependsOn: [],
            status: .running, attempt: 2, attemptID: "att", startedAt: Timestamp(secondsSinceEpoch: 11))
        try writer.upsertStep(second)
        try writer.upsertStep(first)
        expect(try writer.steps(of: "r1") == [first, second], "steps list in plan order", &problems)
        expect(try writer.step("r1", "b") == second, "a step reads back exactly as written", &problems)
        expect(try writer.steps(of: "r2").isEmpty, "an unknown run has no steps", &problems)
        return problems
    }

    static func runKeys(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        let key = RunKeyRow(runKey: "nightly", runID: "r1", fingerprint: "f1", createdAt: Timestamp(secondsSinceEpoch: 5), seq: 3)
        expect(try writer.runKey("nightly") == nil, "an unused run key reads as nil", &problems)
        try writer.insertRunKey(key)
        expect(try writer.runKey("nightly") == key, "a run key reads back exactly as written", &problems)
        try writer.insertRunKeyConflict(
            RunKeyConflictRow(
                runKey: "nightly", seq: 4, existingRunID: "r1", existingFingerprint: "f1", conflictingRunID: "r2",
                conflictingFingerprint: "f2", detectedAt: Timestamp(secondsSinceEpoch: 6)))
        return problems
    }

    static func dynamicPartitions(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        expect(try writer.dynamicPartitionsVersion("events") == 0, "a new definition is at version 0", &problems)
        try writer.setDynamicPartitionsVersion("events", 3)
        expect(try writer.dynamicPartitionsVersion("events") == 3, "a version reads back", &problems)
        let key = "a b;$(rm -rf /)|x"
        try writer.insertDynamicPartition(DynamicPartitionRow(partitionsDef: "events", key: key, addedSeq: 9))
        expect(try writer.hasDynamicPartition("events", key), "an added key is present, metacharacters and all", &problems)
        expect(try !writer.hasDynamicPartition("other", key), "keys belong to their definition", &problems)
        try writer.deleteDynamicPartition("events", key)
        expect(try !writer.hasDynamicPartition("events", key), "a removed key is gone", &problems)
        try writer.deleteDynamicPartition("events", "never-added")
        return problems
    }

    static func bookkeeping(_ writer: some ProjectionWriter) throws -> [String] {
        var problems = [String]()
        expect(try writer.appliedKey("k1") == nil, "an unseen key reads as nil", &problems)
        let row = AppliedKeyRow(idempotencyKey: "k1", seq: 7, type: "RunStarted", outcome: .rejected)
        try writer.insertAppliedKey(row)
        expect(try writer.appliedKey("k1") == row, "an applied key reads back with its outcome", &problems)
        try writer.insertRejection(FoldRejectionRow(seq: 7, idempotencyKey: "k1", type: "RunStarted", reason: "stale"))
        return problems
    }
}
