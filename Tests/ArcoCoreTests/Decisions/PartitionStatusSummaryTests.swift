import ArcoCore
import Testing

@Suite struct PartitionStatusSummaryTests {
    static func row(materializedSeq: Int64? = nil, at: Int64? = nil, attempt: StepOutcome? = nil, attemptAt: Int64? = nil,
        running: Bool = false) -> PartitionStatusRow
    {
        var row = PartitionStatusRow(asset: "a", partitionKey: "k", partition: "k")
        row.lastMaterializationSeq = materializedSeq
        row.lastMaterializedAt = at.map(Timestamp.init(secondsSinceEpoch:))
        row.lastAttemptOutcome = attempt
        row.lastAttemptAt = attemptAt.map(Timestamp.init(secondsSinceEpoch:))
        row.inProgressRunID = running ? "r" : nil
        return row
    }

    @Test("state precedence: in progress, then a newer failure, then materialized, else missing")
    func states() {
        #expect(PartitionState(nil) == .missing)
        #expect(PartitionState(Self.row(materializedSeq: 1, at: 10, running: true)) == .inProgress)
        #expect(PartitionState(Self.row(materializedSeq: 1, at: 10, attempt: .failed, attemptAt: 20)) == .failed)
        #expect(PartitionState(Self.row(materializedSeq: 1, at: 30, attempt: .failed, attemptAt: 20)) == .materialized)
        #expect(PartitionState(Self.row(attempt: .failed, attemptAt: 20)) == .failed)
        #expect(PartitionState(Self.row(attempt: .canceled, attemptAt: 20)) == .missing)
        #expect(PartitionState(Self.row(materializedSeq: 1, at: 10, attempt: .succeeded, attemptAt: 10)) == .materialized)
    }

    @Test("consecutive partitions in one state become one range; counts add up")
    func ranges() {
        let keys = (1...9).map { "2024-01-0\($0)" }
        var statuses = [String: PartitionStatusRow]()
        for key in keys.prefix(4) { statuses[key] = Self.row(materializedSeq: 1, at: 1) }
        statuses["2024-01-06"] = Self.row(attempt: .failed, attemptAt: 5)
        let summary = PartitionStatusSummary.summarize(keys: keys, statusByKey: statuses)
        #expect(summary.counts == [.materialized: 4, .failed: 1, .missing: 4, .inProgress: 0])
        #expect(summary.ranges.map { "\($0.first)...\($0.last) \($0.state.rawValue) \($0.count)" } == [
            "2024-01-01...2024-01-04 MATERIALIZED 4", "2024-01-05...2024-01-05 MISSING 1",
            "2024-01-06...2024-01-06 FAILED 1", "2024-01-07...2024-01-09 MISSING 3",
        ])
    }
}
