import ArcoCore
import ArcoTesting
import Testing

/// `materializations` and `partition_status` follow materializations and step attempts.
@Suite struct PartitionStatusFoldTests {
    static func partitioned(_ run: String, asset: String = "a", day: String) -> RunRequested {
        RunRequested(
            runID: RunID(run), runKey: nil, fingerprint: "f", selection: asset, trigger: RunTrigger(kind: .manual),
            steps: [PlannedStep(stepKey: StepKey(asset), asset: asset, partition: day, canonicalPartitions: ["key=d:" + day])])
    }

    static func materialized(_ run: String, day: String, version: String) -> AssetMaterialized {
        AssetMaterialized(
            asset: "a", partition: day, runID: RunID(run), stepKey: "a", attempt: 1, codeVersion: "3",
            dataVersion: version, canonicalPartition: "key=d:" + day)
    }

    static func fold(_ drafts: [EventDraft]) throws -> InMemoryProjections {
        let projections = InMemoryProjections()
        try projections.fold(LedgerBuilder.eventsWithoutGate(drafts))
        return projections
    }

    @Test("a started step puts its partition in progress; success records the materialization")
    func success() throws {
        let day = "2024-01-02"
        let running = try Self.fold([EventDraft(Self.partitioned("r1", day: day)), EventDraft(EventBuilders.stepStarted("r1", "a"))])
        #expect(running.partitionStatus("a", "key=d:" + day)?.inProgressRunID == "r1")
        let done = try Self.fold([
            EventDraft(Self.partitioned("r1", day: day)), EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(Self.materialized("r1", day: day, version: "v7")), EventDraft(EventBuilders.stepFinished("r1", "a")),
        ])
        let status = try #require(done.partitionStatus("a", "key=d:" + day))
        #expect(status.inProgressRunID == nil)
        #expect(status.dataVersion == "v7")
        #expect(status.codeVersion == "3")
        #expect(status.lastAttemptOutcome == .succeeded)
        #expect(status.partition == day)
        #expect(done.snapshot().materializations.map(\.dataVersion) == ["v7"])
    }

    @Test("data_version_since is when the current data version first appeared; the same version again keeps it")
    func dataVersionSince() throws {
        let day = "2024-01-05"
        func materialize(_ run: String, _ version: String) -> [EventDraft] {
            [
                EventDraft(Self.partitioned(run, day: day)), EventDraft(EventBuilders.stepStarted(run, "a")),
                EventDraft(Self.materialized(run, day: day, version: version)), EventDraft(EventBuilders.stepFinished(run, "a")),
            ]
        }
        // Event n is recorded at second n - 1 after the base instant; materializations are events 3, 7, 11.
        let base: Int64 = 1_704_067_200
        let first = try Self.fold(materialize("r1", "v1"))
        #expect(first.partitionStatus("a", "key=d:" + day)?.dataVersionSince == Timestamp(secondsSinceEpoch: base + 2))
        let same = try Self.fold(materialize("r1", "v1") + materialize("r2", "v1"))
        let sameRow = try #require(same.partitionStatus("a", "key=d:" + day))
        #expect(sameRow.dataVersionSince == Timestamp(secondsSinceEpoch: base + 2))
        #expect(sameRow.lastMaterializedAt == Timestamp(secondsSinceEpoch: base + 6))
        let changed = try Self.fold(materialize("r1", "v1") + materialize("r2", "v1") + materialize("r3", "v2"))
        #expect(changed.partitionStatus("a", "key=d:" + day)?.dataVersionSince == Timestamp(secondsSinceEpoch: base + 10))
    }

    @Test("a failure that will be retried stays in progress; the final failure is recorded, the old materialization kept")
    func failures() throws {
        let day = "2024-01-03"
        let base = [
            EventDraft(Self.partitioned("r0", day: day)), EventDraft(EventBuilders.stepStarted("r0", "a")),
            EventDraft(Self.materialized("r0", day: day, version: "v1")), EventDraft(EventBuilders.stepFinished("r0", "a")),
            EventDraft(Self.partitioned("r1", day: day)), EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(EventBuilders.stepFinished("r1", "a", outcome: .failed, willRetry: true)),
        ]
        let retrying = try Self.fold(base)
        #expect(retrying.partitionStatus("a", "key=d:" + day)?.inProgressRunID == "r1")
        let failed = try Self.fold(base + [
            EventDraft(EventBuilders.stepStarted("r1", "a", attempt: 2)),
            EventDraft(EventBuilders.stepFinished("r1", "a", attempt: 2, outcome: .failed)),
        ])
        let status = try #require(failed.partitionStatus("a", "key=d:" + day))
        #expect(status.lastAttemptOutcome == .failed)
        #expect(status.lastAttemptRunID == "r1")
        #expect(status.inProgressRunID == nil)
        #expect(status.dataVersion == "v1", "a failure does not erase the last materialization")
    }

    @Test("a lost worker ends the partition's attempt as failed")
    func workerLost() throws {
        let projections = try Self.fold([
            EventDraft(Self.partitioned("r1", day: "2024-01-04")),
            EventDraft(RunStarted(runID: "r1", number: 1, pid: 1, host: "h")), EventDraft(EventBuilders.stepStarted("r1", "a")),
            EventDraft(RunWorkerLost(runID: "r1", number: 1, reason: "gone")),
        ])
        let status = try #require(projections.partitionStatus("a", "key=d:2024-01-04"))
        #expect(status.lastAttemptOutcome == .failed)
        #expect(status.inProgressRunID == nil)
    }

    @Test("a runless report of an unpartitioned asset uses the empty identity")
    func runless() throws {
        let report = AssetMaterialized(
            asset: "table", partition: nil, runID: nil, stepKey: nil, attempt: nil, reportKey: "ext-1", codeVersion: nil,
            dataVersion: "d1")
        let projections = try Self.fold([EventDraft(report)])
        #expect(projections.partitionStatus("table", "")?.dataVersion == "d1")
        #expect(projections.partitionStatus("table", "")?.lastMaterializationRunID == nil)
    }

    @Test("a ranged step covers each of its partitions")
    func rangedStep() throws {
        let request = RunRequested(
            runID: "r1", runKey: nil, fingerprint: "f", selection: "a", trigger: RunTrigger(kind: .backfill),
            steps: [
                PlannedStep(
                    stepKey: "a", asset: "a", partitionRange: ["2024-01-01", "2024-01-02"],
                    canonicalPartitions: ["key=d:2024-01-01", "key=d:2024-01-02"])
            ])
        let projections = try Self.fold([EventDraft(request), EventDraft(EventBuilders.stepStarted("r1", "a"))])
        #expect(projections.partitionStatus("a", "key=d:2024-01-01")?.inProgressRunID == "r1")
        #expect(projections.partitionStatus("a", "key=d:2024-01-02")?.inProgressRunID == "r1")
    }
}
