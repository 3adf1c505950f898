import ArcoCore
import Testing

/// What a backfill's targets without a run read as, by the backfill's state.
@Suite struct BackfillOutcomeTests {
    static func row(_ status: BackfillState, total: Int64 = 10, succeeded: Int64 = 6, failed: Int64 = 2) -> BackfillRow {
        var row = BackfillRow(
            backfillID: "bf1", status: status, requestKey: "k", fingerprint: "f", selection: "a", selector: "{}",
            only: nil, parentBackfillID: nil, total: total, chunkSize: 10, maxConcurrentRuns: 1,
            createdAt: Timestamp(secondsSinceEpoch: 0), createdSeq: 1)
        row.succeeded = succeeded
        row.failed = failed
        return row
    }

    @Test("targets without a run are blocked in a FAILED backfill, not run in a CANCELED one, remaining otherwise")
    func counts() {
        for (status, blocked, notRun, remaining) in [
            (BackfillState.failed, 2, 0, 0), (.canceled, 0, 2, 0), (.running, 0, 0, 2), (.paused, 0, 0, 2),
            (.pending, 0, 0, 2),
        ] as [(BackfillState, Int64, Int64, Int64)] {
            let row = Self.row(status)
            #expect(row.pending == 2)
            #expect((row.blocked, row.notRun, row.remaining) == (blocked, notRun, remaining), "\(status)")
        }
        #expect(Self.row(.succeeded, succeeded: 10, failed: 0).remaining == 0)
    }

    @Test("a pending target shows BLOCKED only in a FAILED backfill; other statuses show as recorded")
    func shownStatus() {
        let pending = BackfillPartitionRow(
            backfillID: "bf1", position: 0, asset: "a", partition: "2024-01-01", chunkIndex: 0,
            updatedAt: Timestamp(secondsSinceEpoch: 0))
        #expect(pending.shownStatus(in: .failed) == "BLOCKED")
        #expect(pending.shownStatus(in: .running) == "PENDING")
        #expect(pending.shownStatus(in: .canceled) == "PENDING")
        var failed = pending
        failed.status = .failed
        #expect(failed.shownStatus(in: .failed) == "FAILED")
    }
}
