import ArcoCore
import Foundation
import Testing

/// A daily-partitioned asset in Europe/Berlin ticked across both DST days of 2024.
@Suite struct ScheduleDSTEndToEndTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, timezone: Europe/Berlin }
        assets:
          orders:
            command: \(RunWorkspace.mark)
            partitions: daily
        schedules:
          nightly: { cron: "30 2 * * *", timezone: Europe/Berlin, target: orders, status: running }

        """

    @Test("a 02:30 tick moves to 03:00 in spring, fires once at the later 02:30 in autumn, requests the day before once; rebuild reproduces the history")
    func berlin() throws {
        let workspace = try RunWorkspace(Self.yaml)
        // Evaluated around each change (one evaluation twice); latest catch-up, so each tick once.
        // 2024-10-27T01:00Z lies between the two 02:30s: the earlier one must not fire.
        let nows = [
            "2024-03-29T12:00:00Z", "2024-03-30T06:00:00Z", "2024-03-31T06:00:00Z", "2024-03-31T06:00:00Z",
            "2024-04-01T06:00:00Z", "2024-10-26T06:00:00Z", "2024-10-27T01:00:00Z", "2024-10-27T06:00:00Z",
            "2024-10-28T06:00:00Z",
        ]
        for now in nows {
            let result = try workspace.arco(["schedule", "tick", "--now", now, "--no-launch"])
            #expect(result.status == 0, "\(now): \(result.stderr)")
        }
        let (_, history) = try workspace.json(["schedule", "history", "nightly"])
        let ticks = history["ticks"]?.arrayValue ?? []
        #expect(ticks.compactMap { $0["scheduled_for"]?.stringValue } == [
            "2024-10-28T01:30:00.000000Z", "2024-10-27T01:30:00.000000Z", "2024-10-26T00:30:00.000000Z",
            "2024-04-01T00:30:00.000000Z", "2024-03-31T01:00:00.000000Z", "2024-03-30T01:30:00.000000Z",
        ])
        let runs = try workspace.json(["status", "--limit", "100"]).value["runs"]?.arrayValue ?? []
        #expect(Set(runs.compactMap { $0["partitions"]?.stringValue }) == [
            "2024-03-29", "2024-03-30", "2024-03-31", "2024-10-25", "2024-10-26", "2024-10-27",
        ])
        #expect(runs.count == 6)
        let before = try workspace.arco(["schedule", "history", "nightly", "--json"]).stdout
        #expect(try workspace.arco(["rebuild"]).status == 0)
        #expect(try workspace.arco(["schedule", "history", "nightly", "--json"]).stdout == before)
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }
}
