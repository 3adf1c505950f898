import ArcoCore
import Testing

/// The time-window summary (stored keys matched to windows by start, keys formatted only at range
/// boundaries) must give exactly what listing every key and matching display keys gives.
@Suite struct PartitionStatusSetSummaryTests {
    /// A deterministic spread of states: every window gets one, some are left without a row.
    static func state(_ index: Int) -> PartitionState? {
        switch (index * 7 + index / 3) % 6 {
        case 0, 1: return .materialized
        case 2: return .failed
        case 3: return .inProgress
        case 4: return nil
        default: return .missing
        }
    }

    @Test("every Dagster time-window case: the fast summary equals the key-by-key one")
    func matchesKeyByKey() throws {
        let cases = try PartitionsConformanceTests.loadCases().filter {
            PartitionsConformanceTests.timeWindowTypes.contains($0.type) && $0.expected["ok"] as? Bool == true
        }
        #expect(cases.count == 54)
        var compared = 0
        for testCase in cases {
            let windows = try TimeWindowPartitionSet(try PartitionsConformanceTests.definition(testCase.definition))
            let all = windows.windows(now: testCase.now)
            var rows = [StoredPartitionState]()
            var byDisplay = [String: PartitionState]()
            for (index, window) in all.enumerated() {
                guard let state = Self.state(index) else { continue }
                byDisplay[window.key] = state
                // Every third row was recorded without a canonical key (display key only).
                let canonical = CanonicalPartitionKey(single: windows.canonicalValue(of: window)).description
                rows.append(index % 3 == 0
                    ? StoredPartitionState(key: window.key, display: window.key, state: state)
                    : StoredPartitionState(key: canonical, display: window.key, state: state))
            }
            // Rows naming no current window are ignored by both.
            rows.append(StoredPartitionState(key: "key=t:1999-01-01T00:00:00.000000Z", display: "gone", state: .failed))
            rows.append(StoredPartitionState(key: "not a key", display: nil, state: .failed))
            let fast = PartitionStatusSummary.summarize(.timeWindow(windows), now: testCase.now, states: rows.shuffled())
            let slow = PartitionStatusSummary.summarize(keys: all.map(\.key), stateByKey: byDisplay)
            #expect(fast == slow, "\(testCase)")
            #expect(fast.total == all.count)
            compared += all.count
        }
        #expect(compared > 1000)
    }

    @Test("a repeated fall-back hour keeps its two partitions apart")
    func fallBackHour() throws {
        let windows = try TimeWindowPartitionSet(TimeWindowPartitions(
            cadence: .hourly(minuteOffset: 0), start: WallDateTime(date: CivilDate(year: 2024, month: 11, day: 3)),
            timezone: "America/New_York"))
        let now = try #require(Timestamp(iso8601: "2024-11-03T08:00:00Z"))
        let all = windows.windows(now: now)
        let second = try #require(all.first { $0.key == "2024-11-03-01:00-0500" })
        let canonical = CanonicalPartitionKey(single: windows.canonicalValue(of: second)).description
        let summary = PartitionStatusSummary.summarize(
            .timeWindow(windows), now: now, states: [StoredPartitionState(key: canonical, display: second.key, state: .materialized)])
        #expect(summary.ranges.map(\.first) == ["2024-11-03-00:00", "2024-11-03-01:00-0500", "2024-11-03-02:00"])
        #expect(summary.counts[.materialized] == 1)
    }

    @Test("static and multi sets match stored rows by display key")
    func keysAndMulti() throws {
        let set = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "region", set: .keys(["eu", "us"])),
            PartitionDimension(name: "color", set: .keys(["red", "blue"])),
        ])
        let now = Timestamp(secondsSinceEpoch: 0)
        let summary = PartitionStatusSummary.summarize(set, now: now, states: [
            StoredPartitionState(key: "color=s:cmVk,region=s:dXM", display: "red|us", state: .failed),
            StoredPartitionState(key: "color=s:Ymx1ZQ,region=s:ZXU", display: "blue|eu", state: .materialized),
        ])
        #expect(summary.ranges.map { "\($0.first)...\($0.last) \($0.state.rawValue)" } == [
            "red|eu...red|eu MISSING", "red|us...red|us FAILED", "blue|eu...blue|eu MATERIALIZED", "blue|us...blue|us MISSING",
        ])
    }
}
