import ArcoCore
import Foundation
import Testing

/// `reconcile run` at real scale (issue 17, item 4): independent runs side by side within a
/// bound, upstream before downstream, and one broken partition blocking only what reads it.
@Suite struct ReconcileScaleEndToEndTests {
    /// Each step writes when it starts and ends, in nanoseconds, so overlap is measured from
    /// the files, not from arco's account.
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-07 }
        assets:
          raw:
            command: 'echo "start $(date +%s%N)" >> "$ARCO_WORKSPACE/t-$ARCO_PARTITION_KEY"; sleep 0.4; test -f "$ARCO_WORKSPACE/fail-$ARCO_PARTITION_KEY" && exit 5; echo "end $(date +%s%N)" >> "$ARCO_WORKSPACE/t-$ARCO_PARTITION_KEY"'
            partitions: daily
          report: { command: 'echo "start $(date +%s%N)" >> "$ARCO_WORKSPACE/t-report"', deps: [raw] }
        """

    static func times(_ workspace: RunWorkspace, _ name: String) -> (start: Int64, end: Int64?) {
        let text = (try? String(contentsOfFile: workspace.path + "/t-" + name, encoding: .utf8)) ?? ""
        func value(_ word: String) -> Int64? {
            text.split(separator: "\n").first { $0.hasPrefix(word + " ") }.flatMap { Int64($0.dropFirst(word.count + 1)) }
        }
        return (value("start") ?? 0, value("end"))
    }

    @Test("--max-concurrent-runs 3 runs at most three days at once, more than one, and the report after them all")
    func bounded() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let result = try workspace.arco(["reconcile", "run", "--max-concurrent-runs", "3"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("[7/7] run "), "progress counts every planned run: \(result.stdout)")
        let days = (1...6).map { String(format: "2024-01-%02d", $0) }
        let spans = days.map { Self.times(workspace, $0) }
        #expect(spans.allSatisfy { $0.end != nil }, "every day ran")
        var most = 0
        for span in spans {
            let overlapping = spans.filter { $0.start <= span.start && ($0.end ?? 0) > span.start }.count
            most = max(most, overlapping)
        }
        #expect(most <= 3, "more than three days at once")
        #expect(most >= 2, "the days ran one after another")
        let report = Self.times(workspace, "report").start
        #expect(spans.allSatisfy { ($0.end ?? .max) <= report }, "the report started before a day it reads ended")
    }

    @Test("a failed day blocks only the report; the other days run, and the summary names the failure with a retry command")
    func failureSummary() throws {
        let workspace = try RunWorkspace(Self.yaml)
        try workspace.touch("fail-2024-01-03")
        let result = try workspace.arco(["reconcile", "run", "--max-concurrent-runs", "2"])
        #expect(result.status == 1)
        let ended = (1...6).map { Self.times(workspace, String(format: "2024-01-%02d", $0)).end != nil }
        #expect(ended == [true, true, false, true, true, true])
        #expect(Self.times(workspace, "report").start == 0, "the report read a failed day")
        #expect(result.stdout.contains("1 run failed, 1 blocked by them:\n"), "\(result.stdout)")
        #expect(result.stdout.contains("FAILURE  raw [2024-01-03]"), "\(result.stdout)")
        #expect(result.stderr.contains("after a fix, `arco reconcile run --select raw+` runs them and what reads them"), "\(result.stderr)")
    }

    static let window = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-11 }
        assets:
          raw: { command: '\(RunWorkspace.mark)', partitions: daily }
          clean: { command: '\(RunWorkspace.mark)', partitions: daily, deps: [raw], code_version: "1" }
        """

    static func planned(_ workspace: RunWorkspace, _ extra: [String]) throws -> [String] {
        let (status, plan) = try workspace.json(["reconcile", "plan"] + extra)
        #expect(status == 0)
        return (plan["runs"]?.arrayValue ?? []).compactMap { $0["partition"]?.stringValue }
    }

    @Test("--from/--to and --only narrow the plan and the run; --limit summarises a long plan per asset")
    func narrowing() throws {
        let workspace = try RunWorkspace(Self.window)
        #expect(try Self.planned(workspace, ["--from", "2024-01-03", "--to", "2024-01-04"]) == ["2024-01-03", "2024-01-04"])
        #expect(try workspace.arco(["reconcile", "run", "--from", "2024-01-01", "--to", "2024-01-05"]).status == 0)
        #expect(workspace.markers().count == 10, "raw and clean for five days: \(workspace.markers())")
        try workspace.folder.write("arco.yaml", Self.window.replacingOccurrences(of: #"code_version: "1""#, with: #"code_version: "2""#))
        #expect(try Self.planned(workspace, ["--only", "stale"]) == (1...5).map { String(format: "2024-01-%02d", $0) })
        #expect(try Self.planned(workspace, ["--only", "MISSING"]) == (6...10).map { String(format: "2024-01-%02d", $0) })
        #expect(try workspace.arco(["reconcile", "plan", "--only", "late"]).status == 64)

        let text = try workspace.arco(["reconcile", "plan", "--limit", "3"]).stdout
        #expect(text.hasPrefix("ASSET  RUNS  STALE  MISSING  PARTITIONS\n"), "\(text)")
        #expect(text.contains("clean  10    5      5        2024-01-01...2024-01-10"), "\(text)")
        #expect(text.contains("… and 7 more runs"), "\(text)")

        let (_, report) = try workspace.json(["staleness", "report", "--from", "2024-01-05", "--to", "2024-01-06"])
        let rows = report["rows"]?.arrayValue ?? []
        #expect(Set(rows.compactMap { $0["partition"]?.stringValue }) == ["2024-01-05", "2024-01-06"])
        #expect(report["summary"]?["missing"]?.intValue == 10, "the summary counts the whole selection")
        #expect(try workspace.arco(["staleness", "report", "--from", "2024-01-20", "--check"]).status == 0)
        #expect(try workspace.arco(["staleness", "report", "--from", "2024-01-09", "--check"]).status == 1)
    }
}

