import ArcoCore
import Foundation
import Testing

/// `arco backfill` on temporary workspaces, proven by what the steps wrote.
@Suite struct BackfillEndToEndTests {
    /// raw: static region × daily date; days → weeks (Monday weeks, as in the quickstart);
    /// flaky fails for 2024-01-03 and 2024-01-05 until a `fix` file exists.
    static let yaml = """
        version: 1
        partitions:
          regions: { type: static, keys: [eu, us, apac] }
          daily: { type: daily, start: 2024-01-01, end: 2024-01-15 }
          weekly: { type: weekly, start: 2024-01-01, end: 2024-01-15, day_offset: 1 }
          region_day:
            type: multi
            dimensions: { region: regions, date: daily }
        assets:
          raw: { command: '\(RunWorkspace.mark)', partitions: region_day }
          days: { command: '\(RunWorkspace.mark)', partitions: daily }
          weeks: { command: '\(RunWorkspace.mark)', partitions: weekly, deps: [days] }
          flaky:
            command: '\(RunWorkspace.mark); case "$ARCO_PARTITION_KEY" in 2024-01-03|2024-01-05) test -f "$ARCO_WORKSPACE/fix" || exit 3;; esac'
            partitions: daily
          after_flaky: { command: '\(RunWorkspace.mark)', partitions: daily, deps: [flaky] }
        """

    static func eventCount(_ workspace: RunWorkspace) throws -> Int {
        try workspace.json(["events"]).value["events"]?.arrayValue?.count ?? -1
    }

    @Test("a filter over static × daily runs each selected partition exactly once and the backfill succeeds")
    func multiDimensionalFilter() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let (status, backfill) = try workspace.json([
            "backfill", "create", "--select", "raw", "--filter", "region=us,eu date>=2024-01-02 date<2024-01-05",
            "--max-concurrent-runs", "3",
        ])
        #expect(status == 0)
        #expect(backfill["status"]?.stringValue == "SUCCEEDED")
        #expect(backfill["counts"]?["total"]?.intValue == 6)
        #expect(backfill["counts"]?["succeeded"]?.intValue == 6)
        #expect(backfill["selector"]?["type"]?.stringValue == "filter")
        #expect(workspace.markers().sorted() == [
            "raw[2024-01-02|eu]", "raw[2024-01-02|us]", "raw[2024-01-03|eu]", "raw[2024-01-03|us]",
            "raw[2024-01-04|eu]", "raw[2024-01-04|us]",
        ])
        let id = try #require(backfill["backfill_id"]?.stringValue)
        let runs = try workspace.json(["status", "--limit", "100"]).value["runs"]?.arrayValue ?? []
        #expect(runs.count == 6)
        #expect(runs.allSatisfy { $0["run_key"]?.stringValue?.hasPrefix("backfill:\(id):") == true })
        #expect(runs.allSatisfy { $0["run_key"]?.stringValue?.hasSuffix(":1") == true })
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }

    @Test("a daily range feeding a weekly asset with --allow-partial: each day once, each week after its days")
    func multiAsset() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let result = try workspace.arco([
            "backfill", "create", "--select", "days+", "--from", "2024-01-06", "--to", "2024-01-09", "--allow-partial",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let markers = workspace.markers()
        #expect(markers.filter { $0.hasPrefix("days[") }.sorted() == [
            "days[2024-01-06]", "days[2024-01-07]", "days[2024-01-08]", "days[2024-01-09]",
        ])
        #expect(markers.filter { $0.hasPrefix("weeks[") }.sorted() == ["weeks[2024-01-01]", "weeks[2024-01-08]"])
        let week = try #require(markers.firstIndex(of: "weeks[2024-01-01]"))
        #expect(markers.firstIndex(of: "days[2024-01-07]")! < week, "a week ran before its last day")
        let nextWeek = try #require(markers.firstIndex(of: "weeks[2024-01-08]"))
        #expect(markers.firstIndex(of: "days[2024-01-09]")! < nextWeek)
        // Allowed, but not hidden: staleness flags the weeks written from part of their days.
        let (_, report) = try workspace.json(["staleness", "report", "--select", "weeks"])
        let reasons = (report["rows"]?.arrayValue ?? []).map { "\($0["partition"]?.stringValue ?? "") \($0["reason"]?.stringValue ?? "")" }
        #expect(reasons == ["2024-01-01 UPSTREAM_NEVER_MATERIALIZED", "2024-01-08 UPSTREAM_NEVER_MATERIALIZED"], "\(reasons)")
    }

    @Test("without --allow-partial a week whose days are neither in the backfill nor materialized is left out, and said so")
    func partialWeeks() throws {
        let workspace = try RunWorkspace(Self.yaml)
        // Days 8-14 make the week of 2024-01-08 whole; 2024-01-06 and 07 leave the week of 01-01 partial.
        let result = try workspace.arco(["backfill", "create", "--select", "days+", "--from", "2024-01-06", "--to", "2024-01-14"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "note: 1 partition left out: what it reads is neither in this backfill nor materialized (e.g. weeks 2024-01-01); "
                + "include it with --allow-partial"), "\(result.stderr)")
        #expect(workspace.markers().filter { $0.hasPrefix("weeks[") } == ["weeks[2024-01-08]"])
        // Once days 1-5 exist, the same week is whole: materialized days count as well as targets.
        #expect(try workspace.arco(["backfill", "create", "--select", "days", "--from", "2024-01-01", "--to", "2024-01-05"]).status == 0)
        workspace.clearMarkers()
        let (status, preview) = try workspace.json(["backfill", "create", "--select", "days+", "--from", "2024-01-06", "--to", "2024-01-07", "--dry-run"])
        #expect(status == 0)
        #expect(preview["left_out"]?.arrayValue?.isEmpty == true)
        #expect(preview["assets"]?.arrayValue?.compactMap { $0["asset"]?.stringValue } == ["days", "weeks"])
        let only = try workspace.arco(["backfill", "create", "--select", "weeks", "--partitions", "2024-01-08"])
        #expect(only.status == 0, "weeks alone reads no targeted upstream, so nothing is partial: \(only.stderr)")
    }

    @Test("--dry-run and invalid requests record nothing; invalid ones exit 65 with a hint")
    func validation() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let before = try Self.eventCount(workspace)
        let (dry, preview) = try workspace.json(["backfill", "create", "--select", "days+", "--all", "--dry-run"])
        #expect(dry == 0)
        let total = preview["total"]?.intValue
        #expect(total == 16, "14 days and the 2 weeks they map to")
        #expect(preview["runs"]?.intValue == 16)
        #expect(preview["chunks"]?.intValue == 1)
        #expect(preview["assets"]?.arrayValue?.first?["first"]?.stringValue == "2024-01-01")
        for arguments in [
            ["--select", "nope", "--all"],
            ["--select", "raw", "--filter", "day=2024-01-01"],
            ["--select", "days", "--from", "2024-01-05", "--to", "2024-01-02"],
            ["--select", "days", "--partitions", "2023-12-31"],
            ["--select", "days,raw", "--from", "2024-01-01", "--to", "2024-01-02"],
            ["--select", "days", "--filter", "key>=2024-01-09 key<2024-01-02"],
        ] {
            let result = try workspace.arco(["backfill", "create"] + arguments)
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "), "\(arguments)")
            #expect(result.stderr.contains("hint: "), "\(arguments)")
        }
        #expect(try workspace.arco(["backfill", "create", "--select", "days"]).status == 64)
        #expect(try workspace.arco(["backfill", "create", "--select", "days", "--all", "--partitions", "x"]).status == 64)
        #expect(try Self.eventCount(workspace) == before, "a refused or previewed request recorded events")
        #expect(workspace.markers().isEmpty)
    }

    @Test("an idempotency key returns the same backfill; another request under it exits 65 naming it")
    func idempotencyKey() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let arguments = ["backfill", "create", "--select", "days", "--from", "2024-01-01", "--to", "2024-01-03", "--idempotency-key", "jan"]
        let (first, created) = try workspace.json(arguments)
        #expect(first == 0)
        #expect(created["existing"] == nil)
        let (again, repeated) = try workspace.json(arguments)
        #expect(again == 0)
        #expect(repeated["existing"]?.boolValue == true)
        #expect(repeated["backfill_id"] == created["backfill_id"])
        #expect(workspace.markers().count == 3, "the repeat ran something")
        let conflict = try workspace.arco(Array(arguments.dropLast(2)) + ["--idempotency-key", "jan", "--chunk-size", "2"])
        #expect(conflict.status == 65)
        #expect(conflict.stderr.contains("already names backfill '\(created["backfill_id"]?.stringValue ?? "")'"))
    }

    @Test("pause, resume and cancel: valid transitions apply, invalid ones exit 65 naming the state")
    func lifecycle() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let id = try workspace.arco(["backfill", "create", "--select", "days", "--all", "--detach"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        func state() throws -> String? { try workspace.json(["backfill", "status", id]).value["status"]?.stringValue }
        #expect(try state() == "PENDING")
        #expect(try workspace.arco(["backfill", "pause", id]).status == 0)
        #expect(try state() == "PAUSED")
        #expect(try workspace.arco(["backfill", "pause", id]).stdout.contains("already paused"))
        let (resumed, row) = try workspace.json(["backfill", "resume", id, "--detach"])
        #expect(resumed == 0)
        #expect(row["status"]?.stringValue == "RUNNING")
        #expect(row["state_version"]?.intValue == 2)
        #expect(try workspace.arco(["backfill", "cancel", id]).status == 0)
        #expect(try state() == "CANCELED")
        #expect(try workspace.arco(["backfill", "cancel", id]).stdout.contains("already canceled"))
        let resume = try workspace.arco(["backfill", "resume", id])
        #expect(resume.status == 65)
        #expect(resume.stderr.contains("is CANCELED and cannot be resumed"))
        let pause = try workspace.arco(["backfill", "pause", id])
        #expect(pause.status == 65)
        #expect(pause.stderr.contains("is CANCELED and cannot become PAUSED"))
        #expect(try workspace.arco(["worker", "--once"]).status == 0)
        #expect(workspace.markers().isEmpty, "a canceled backfill ran partitions")
        let (_, list) = try workspace.json(["backfill", "list", "--status", "canceled"])
        #expect(list["backfills"]?.arrayValue?.count == 1)
        let text = try workspace.arco(["backfill", "list"]).stdout.split(separator: "\n")
        #expect(text.first?.hasPrefix("BACKFILL") == true)
        #expect(text.dropFirst().first?.split(separator: " ").prefix(2) == [Substring(id), "CANCELED"])
        #expect(try workspace.arco(["backfill", "status", "bf_nope"]).status == 66)
    }

    @Test("retry-failed targets only what did not succeed, deterministically; its child of a child finishes the work")
    func retryFailed() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let create = ["backfill", "create", "--select", "flaky+", "--from", "2024-01-01", "--to", "2024-01-06"]
        let (failed, parent) = try workspace.json(create)
        #expect(failed == 1)
        #expect(parent["status"]?.stringValue == "FAILED")
        #expect(parent["counts"]?["failed"]?.intValue == 2)
        #expect(parent["counts"]?["succeeded"]?.intValue == 8)
        #expect(parent["counts"]?["pending"]?.intValue == 2, "after_flaky of the failed days never ran")
        #expect(parent["counts"]?["blocked"]?.intValue == 2)
        let parentID = try #require(parent["backfill_id"]?.stringValue)
        let rows = try workspace.json(["backfill", "status", parentID, "--partitions"]).value["partitions"]?.arrayValue ?? []
        #expect(rows.filter { $0["status"]?.stringValue == "BLOCKED" }.compactMap { $0["partition"]?.stringValue } == [
            "2024-01-03", "2024-01-05",
        ])
        #expect(!rows.contains { $0["status"]?.stringValue == "PENDING" }, "a target of a FAILED backfill reads PENDING")
        let text = try workspace.arco(["backfill", "status", parentID, "--partitions"]).stdout
        #expect(text.contains("progress   8/12 succeeded, 2 failed, 2 blocked by failures\n"), "\(text)")
        #expect(!text.contains("remaining"))
        #expect(text.contains("BLOCKED"))
        let failedRow = try #require(rows.first { $0["status"]?.stringValue == "FAILED" })
        #expect(failedRow["error"]?.stringValue == "exit code 3", "the failed step's own reason")
        #expect(failedRow["run_id"]?.stringValue?.hasPrefix("run_") == true)
        workspace.clearMarkers()

        let (stillFailing, child) = try workspace.json(["backfill", "retry-failed", parentID])
        #expect(stillFailing == 1)
        #expect(child["parent_backfill_id"]?.stringValue == parentID)
        #expect(child["counts"]?["total"]?.intValue == 4)
        #expect(workspace.markers().sorted() == ["flaky[2024-01-03]", "flaky[2024-01-05]"], "only the failures ran again")
        let (_, again) = try workspace.json(["backfill", "retry-failed", parentID])
        #expect(again["backfill_id"] == child["backfill_id"])
        #expect(again["existing"]?.boolValue == true)
        // The parent lists its retries and how they ended, in JSON and text.
        let retried = try workspace.json(["backfill", "status", parentID]).value["retried_by"]?.arrayValue ?? []
        #expect(retried.map { $0["backfill_id"] } == [child["backfill_id"]])
        #expect(retried.first?["status"]?.stringValue == "FAILED")
        #expect(retried.first?["failed"]?.intValue == 2)
        let parentText = try workspace.arco(["backfill", "status", parentID]).stdout
        let childID0 = try #require(child["backfill_id"]?.stringValue)
        #expect(parentText.contains("retried by \(childID0) FAILED: 0/4 succeeded, 2 failed, 2 blocked by failures"), "\(parentText)")

        try workspace.touch("fix")
        workspace.clearMarkers()
        let childID = try #require(child["backfill_id"]?.stringValue)
        let (fixed, grandchild) = try workspace.json(["backfill", "retry-failed", childID])
        #expect(fixed == 0)
        #expect(grandchild["status"]?.stringValue == "SUCCEEDED")
        #expect(workspace.markers().sorted() == [
            "after_flaky[2024-01-03]", "after_flaky[2024-01-05]", "flaky[2024-01-03]", "flaky[2024-01-05]",
        ])
        let retrySucceeded = try workspace.arco(["backfill", "retry-failed", try #require(grandchild["backfill_id"]?.stringValue)])
        #expect(retrySucceeded.status == 65)
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }

    @Test("a backfill covers the dynamic keys that existed when it was created; retry-failed of an unpartitioned failure runs it")
    func dynamicKeysAndUnpartitionedRetry() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              customers: { type: dynamic }
            assets:
              per_customer: { command: '\(RunWorkspace.mark)', partitions: customers }
              summary: { command: '\(RunWorkspace.mark); test -f "$ARCO_WORKSPACE/fix"', deps: [per_customer] }
            """)
        #expect(try workspace.arco(["partitions", "add", "customers", "acme", "globex"]).status == 0)
        let id = try workspace.arco(["backfill", "create", "--select", "per_customer+", "--all", "--detach"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try workspace.arco(["partitions", "add", "customers", "zeta"]).status == 0)
        let (status, backfill) = try workspace.json(["backfill", "resume", id])
        #expect(status == 1, "the summary fails until `fix` exists")
        #expect(backfill["counts"]?["total"]?.intValue == 3)
        #expect(workspace.markers().sorted() == ["per_customer[acme]", "per_customer[globex]", "summary"],
                "a key added after creation joined the backfill")
        try workspace.touch("fix")
        workspace.clearMarkers()
        let (retried, child) = try workspace.json(["backfill", "retry-failed", id])
        #expect(retried == 0, "\(child)")
        #expect(child["counts"]?["total"]?.intValue == 1)
        #expect(workspace.markers() == ["summary"])
    }

    @Test("--only missing backfills what was missing when it was created, as compact ranges")
    func onlyMissing() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try workspace.arco(["run", "days", "--partition-range", "2024-01-03...2024-01-04"]).status == 0)
        workspace.clearMarkers()
        let (status, backfill) = try workspace.json([
            "backfill", "create", "--select", "days", "--from", "2024-01-01", "--to", "2024-01-06", "--only", "missing",
        ])
        #expect(status == 0)
        #expect(backfill["counts"]?["total"]?.intValue == 4)
        #expect(backfill["selector"]?["assets"]?["days"]?.arrayValue?.count == 2)
        #expect(workspace.markers().sorted() == ["days[2024-01-01]", "days[2024-01-02]", "days[2024-01-05]", "days[2024-01-06]"])
        // The same request under a key, repeated once nothing is missing any more, still names
        // the backfill it created.
        let keyed = ["backfill", "create", "--select", "days", "--from", "2024-01-07", "--to", "2024-01-08", "--only", "missing",
                     "--idempotency-key", "gaps"]
        let (_, first) = try workspace.json(keyed)
        let (again, repeated) = try workspace.json(keyed)
        #expect(again == 0)
        #expect(repeated["existing"]?.boolValue == true)
        #expect(repeated["backfill_id"] == first["backfill_id"])
        let none = try workspace.arco(["backfill", "create", "--select", "days", "--from", "2024-01-01", "--to", "2024-01-06", "--only", "failed"])
        #expect(none.status == 65)
        #expect(none.stderr.contains("no selected partition is failed"))
    }
}
