import ArcoCore
import Foundation
import Testing

/// `arco staleness report|explain` on the real binary: a small graph materialized, then a code
/// version and a data version changed (issue 6).
@Suite struct StalenessEndToEndTests {
    /// raw (daily, its data version read from the file `version`) → clean (daily) → report.
    static func yaml(cleanCode: String = "1") -> String {
        """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-04 }
        assets:
          raw:
            command: 'echo "{\\"data_version\\": \\"$(cat "$ARCO_WORKSPACE/version")\\"}" >> "$ARCO_REPORT"'
            partitions: daily
          clean: { command: "true", deps: [raw], partitions: daily, code_version: "\(cleanCode)" }
          report: { command: "true", deps: [clean] }
        """
    }

    static func materialized() throws -> RunWorkspace {
        let workspace = try RunWorkspace(yaml())
        try workspace.folder.write("version", "v1")
        #expect(try workspace.arco(["run", "raw+", "--partition-range", "2024-01-01...2024-01-03"]).status == 0)
        #expect(try workspace.arco(["run", "report"]).status == 0)
        return workspace
    }

    static func rows(_ value: JSONValue) -> [JSONValue] {
        if case .array(let rows)? = value.objectValue?["rows"] { return rows }
        return []
    }

    static func describe(_ row: JSONValue) -> String {
        let object = row.objectValue ?? [:]
        return [object["asset"]?.stringValue, object["partition"]?.stringValue, object["reason"]?.stringValue]
            .map { $0 ?? "-" }.joined(separator: " ")
    }

    @Test("missing, then fresh, then CODE_CHANGED and UPSTREAM_CHANGED with their downstream UPSTREAM_STALE; --check follows")
    func lifecycle() throws {
        let workspace = try RunWorkspace(Self.yaml())
        try workspace.folder.write("version", "v1")
        let (missingStatus, missing) = try workspace.json(["staleness", "report", "--check"])
        #expect(missingStatus == 1)
        #expect(Self.rows(missing).count == 7)
        #expect(Self.rows(missing).allSatisfy { $0.objectValue?["status"]?.stringValue == "MISSING" })

        #expect(try workspace.arco(["run", "raw+", "--partition-range", "2024-01-01...2024-01-03"]).status == 0)
        let (partlyStatus, partly) = try workspace.json(["staleness", "report", "--check"])
        #expect(partlyStatus == 1, "report was never materialized")
        #expect(Self.rows(partly).map(Self.describe) == ["report - NEVER_MATERIALIZED"])

        #expect(try workspace.arco(["run", "report"]).status == 0)
        let (cleanStatus, clean) = try workspace.json(["staleness", "report", "--check"])
        #expect(cleanStatus == 0)
        #expect(clean.objectValue?["summary"] == ["fresh": 7, "missing": 0, "stale": 0])

        try workspace.folder.write("arco.yaml", Self.yaml(cleanCode: "2"))
        let (codeStatus, code) = try workspace.json(["staleness", "report", "--check"])
        #expect(codeStatus == 1)
        #expect(Self.rows(code).map(Self.describe) == [
            "clean 2024-01-01 CODE_CHANGED", "clean 2024-01-02 CODE_CHANGED", "clean 2024-01-03 CODE_CHANGED",
            "report - UPSTREAM_STALE",
        ])
        #expect(Self.rows(code).first?.objectValue?["cause"] == [
            "current_code_version": "2", "materialized_code_version": "1",
            "materialized_at": Self.rows(code).first?.objectValue?["cause"]?.objectValue?["materialized_at"] ?? .null,
        ])
        // --reason narrows the rows and what --check looks at, not the summary.
        let (onlyStatus, only) = try workspace.json(["staleness", "report", "--reason", "upstream_stale", "--check"])
        #expect(onlyStatus == 1)
        #expect(Self.rows(only).map(Self.describe) == ["report - UPSTREAM_STALE"])
        #expect(only.objectValue?["summary"] == ["fresh": 3, "missing": 0, "stale": 4])
        #expect(try workspace.arco(["staleness", "report", "--reason", "FRESHNESS_VIOLATED", "--check"]).status == 0)

        try workspace.folder.write("arco.yaml", Self.yaml())
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-02"]).status == 0)
        let changed = try workspace.arco(["staleness", "report", "--json"])
        let changedRows = Self.rows(try JSONParser.parse(changed.stdout))
        #expect(changedRows.map(Self.describe) == ["clean 2024-01-02 UPSTREAM_CHANGED", "report - UPSTREAM_STALE"])
        let cause = changedRows.first?.objectValue?["cause"]?.objectValue ?? [:]
        #expect(cause["consumed_data_version"] == "v1")
        #expect(cause["current_data_version"] == "v2")
        #expect(cause["upstream_partition"] == "2024-01-02")

        // The same data version again changes nothing, not even `since`.
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-02"]).status == 0)
        #expect(try workspace.arco(["staleness", "report", "--json"]).stdout == changed.stdout)

        let text = try workspace.arco(["staleness", "report"])
        #expect(text.stdout.contains("raw 2024-01-02 changed (data version v1 → v2)"))
        #expect(text.stdout.contains("2 stale, 0 missing, 5 fresh"))

        // Ranges in text join consecutive partitions only: 01 and 03 changed, 02 did not.
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-01"]).status == 0)
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-03"]).status == 0)
        #expect(try workspace.arco(["run", "clean", "--partition", "2024-01-02"]).status == 0)
        let gapped = try workspace.arco(["staleness", "report", "--select", "clean"]).stdout
        #expect(!gapped.contains("2024-01-01...2024-01-03"))
        #expect(gapped.contains("clean  2024-01-01 "))
        #expect(gapped.contains("clean  2024-01-03 "))
    }

    @Test("explain walks UPSTREAM_STALE to the root cause, in text and JSON")
    func explain() throws {
        let workspace = try Self.materialized()
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-03"]).status == 0)
        let text = try workspace.arco(["staleness", "explain", "report"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("report is stale because clean 2024-01-03 is stale (UPSTREAM_CHANGED)") == true)
        #expect(lines.last?.contains("clean 2024-01-03 is stale because raw 2024-01-03 changed (data version v1 → v2) at ") == true)
        let (status, tree) = try workspace.json(["staleness", "explain", "report"])
        #expect(status == 0)
        let child = tree.objectValue?["upstream"]?.arrayValue?.first?.objectValue ?? [:]
        #expect(child["asset"] == "clean")
        #expect(child["reason"] == "UPSTREAM_CHANGED")
        #expect(child["upstream"] == .array([]))
        let fresh = try workspace.json(["staleness", "explain", "clean", "--partition", "2024-01-01"])
        #expect(fresh.value.objectValue?["status"] == "FRESH")
    }

    @Test("paging with any page size gives exactly the unpaged rows")
    func paging() throws {
        let workspace = try Self.materialized()
        try workspace.folder.write("arco.yaml", Self.yaml(cleanCode: "2"))
        let all = Self.rows(try workspace.json(["staleness", "report", "--include-fresh"]).value)
        #expect(all.count == 7)
        for size in 1...8 {
            var paged: [JSONValue] = []
            var cursor: String?
            var pages = 0
            repeat {
                var arguments = ["staleness", "report", "--include-fresh", "--limit", String(size)]
                if let cursor { arguments += ["--after", cursor] }
                let (status, page) = try workspace.json(arguments)
                #expect(status == 0)
                paged += Self.rows(page)
                cursor = page.objectValue?["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 20
            #expect(paged == all, "page size \(size)")
            #expect(pages == (all.count + size - 1) / size, "page size \(size)")
        }
        // With a filter, fresh rows lie between the kept ones (raw's, clean's): paging still
        // yields exactly the filtered rows, and --check sees the stale rows before the cursor.
        let filtered = Self.rows(try workspace.json(["staleness", "report", "--reason", "CODE_CHANGED"]).value)
        #expect(filtered.count == 3)
        for size in 1...3 {
            var paged: [JSONValue] = []
            var cursor: String?
            var pages = 0
            repeat {
                var arguments = ["staleness", "report", "--reason", "CODE_CHANGED", "--limit", String(size)]
                if let cursor { arguments += ["--after", cursor] }
                let page = try workspace.json(arguments).value
                paged += Self.rows(page)
                cursor = page.objectValue?["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(paged == filtered, "filtered, page size \(size)")
        }
        let last = StalenessCursor(asset: "report", partition: nil).text
        let afterAll = try workspace.arco(["staleness", "report", "--after", last, "--check", "--json"])
        #expect(Self.rows(try JSONParser.parse(afterAll.stdout)).isEmpty)
        #expect(afterAll.status == 1, "--check counts stale rows on earlier pages too")
    }

    @Test("the report is byte-identical after a rebuild and in a workspace imported from an export")
    func determinism() throws {
        let workspace = try Self.materialized()
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-01"]).status == 0)
        let arguments = ["staleness", "report", "--include-fresh", "--json", "--now", "2024-06-01T00:00:00Z"]
        let before = try workspace.arco(arguments).stdout
        #expect(before.contains("UPSTREAM_CHANGED"))
        #expect(try workspace.arco(["rebuild"]).status == 0)
        #expect(try workspace.arco(arguments).stdout == before)
        let export = try workspace.arco(["ledger", "export"])
        let copy = try RunWorkspace(Self.yaml())
        try copy.folder.write("ledger.jsonl", export.stdout)
        #expect(try copy.arco(["ledger", "import", "ledger.jsonl"]).status == 0)
        #expect(try copy.arco(arguments).stdout == before)
    }

    @Test("reconcile run makes the report clean; a second run runs nothing; the plan is deterministic")
    func reconcile() throws {
        let workspace = try Self.materialized()
        try workspace.folder.write("arco.yaml", Self.yaml(cleanCode: "2"))
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-03"]).status == 0)
        let first = try workspace.arco(["reconcile", "plan", "--json"])
        #expect(try workspace.arco(["reconcile", "plan", "--json"]).stdout == first.stdout)
        #expect(CanonicalJSON.encode(try JSONParser.parse(first.stdout)) + "\n" == first.stdout, "streamed, yet canonical")
        let plan = try JSONParser.parse(first.stdout).objectValue?["runs"]?.arrayValue ?? []
        // One run per clean partition (code changed; the third also read an old raw), then report.
        #expect(plan.map { $0.objectValue?["partition"] ?? .null } == ["2024-01-01", "2024-01-02", "2024-01-03", .null])
        #expect(plan.map { $0.objectValue?["assets"] ?? .null } == [["clean"], ["clean"], ["clean"], ["report"]])
        #expect(try workspace.arco(["staleness", "report", "--check"]).status == 1)

        let dry = try workspace.arco(["reconcile", "run", "--dry-run", "--json"])
        #expect(dry.stdout == first.stdout, "--dry-run prints the plan and records nothing")
        let (runStatus, ran) = try workspace.json(["reconcile", "run"])
        #expect(runStatus == 0)
        let runs = ran.objectValue?["runs"]?.arrayValue ?? []
        #expect(runs.count == 4)
        #expect(runs.allSatisfy { $0.objectValue?["status"] == "SUCCESS" && $0.objectValue?["existing"] == false })
        #expect(runs.map { $0.objectValue?["run_key"] ?? .null } == plan.map { $0.objectValue?["run_key"] ?? .null })
        #expect(try workspace.arco(["staleness", "report", "--check"]).status == 0)

        let (againStatus, again) = try workspace.json(["reconcile", "run"])
        #expect(againStatus == 0)
        #expect(again.objectValue?["runs"] == .array([]), "nothing is stale, so nothing runs")
        #expect(try workspace.arco(["reconcile", "plan"]).stdout.contains("nothing to reconcile"))

        // The same targets going stale again are planned again, under new keys.
        try workspace.folder.write("version", "v3")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-01"]).status == 0)
        let next = try JSONParser.parse(try workspace.arco(["reconcile", "plan", "--json"]).stdout)
        let nextKeys = (next.objectValue?["runs"]?.arrayValue ?? []).compactMap { $0.objectValue?["run_key"]?.stringValue }
        #expect(nextKeys.count == 2)
        #expect(Set(nextKeys).isDisjoint(with: plan.compactMap { $0.objectValue?["run_key"]?.stringValue }))
    }

    @Test("a failed reconcile run blocks what reads it, independent runs go on; the next run plans the targets again under new keys")
    func reconcileFailure() throws {
        let workspace = try Self.materialized()
        try workspace.folder.write("arco.yaml", Self.yaml(cleanCode: "2").replacingOccurrences(
            of: #"clean: { command: "true","#, with: #"clean: { command: 'test -f "$ARCO_WORKSPACE/ok"',"#))
        let (status, ran) = try workspace.json(["reconcile", "run"])
        #expect(status == 1)
        let runs = ran.objectValue?["runs"]?.arrayValue ?? []
        // The three days fail on their own; the report, which reads them, never starts.
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.objectValue?["status"] == "FAILURE" })
        #expect(ran.objectValue?["not_started"] == 1)
        #expect(ran.objectValue?["blocked"] == 1)
        try workspace.touch("ok")
        let (retryStatus, retried) = try workspace.json(["reconcile", "run"])
        #expect(retryStatus == 0)
        let retriedRuns = retried.objectValue?["runs"]?.arrayValue ?? []
        #expect(retriedRuns.count == 4)
        #expect(retriedRuns.first?.objectValue?["run_key"] != runs.first?.objectValue?["run_key"])
        #expect(try workspace.arco(["staleness", "report", "--check"]).status == 0)
    }

    @Test("reconcile tick: on_missing, then eager downstream, once each; disabled assets, --dry-run, the cap and history")
    func tick() throws {
        let workspace = try RunWorkspace(Self.yaml() + """

            automation:
              raw: on_missing
              clean: eager
              report: { condition: 'on_cron("0 * * * *")', enabled: false }
            """)
        try workspace.folder.write("version", "v1")
        func tick(_ extra: [String] = []) throws -> JSONValue {
            let (status, value) = try workspace.json(["reconcile", "tick"] + extra)
            #expect(status == 0)
            return value
        }
        func requested(_ value: JSONValue, _ asset: String) -> [JSONValue] {
            let result = value.objectValue?["results"]?.arrayValue?.first { $0.objectValue?["asset"]?.stringValue == asset }
            return result?.objectValue?["requested"]?.arrayValue ?? []
        }
        let dry = try tick(["--dry-run"])
        #expect(requested(dry, "raw").map { $0.objectValue?["partition"] ?? .null } == ["2024-01-03"], "latest window only")
        #expect(try workspace.arco(["events", "--type", "AutomationEvaluated", "--json"]).stdout.contains("evaluated_at") == false)
        let capped = try tick(["--max-runs", "0"])
        #expect(capped.objectValue?["deferred"] == 1)
        #expect(requested(capped, "raw").isEmpty)

        let first = try tick()
        let rawRun = try #require(requested(first, "raw").first?.objectValue?["run_id"]?.stringValue)
        #expect(requested(first, "clean").isEmpty, "clean waits for raw")
        let report = first.objectValue?["results"]?.arrayValue?.last?.objectValue
        #expect(report?["skip_reason"] == "disabled (enabled: false)")
        _ = try workspace.waitForRun(rawRun) { $0["status"]?.stringValue == "SUCCESS" }

        let second = try tick()
        #expect(requested(second, "raw").isEmpty, "raw 2024-01-03 is materialized now")
        let cleanRun = try #require(requested(second, "clean").first?.objectValue?["run_id"]?.stringValue)
        _ = try workspace.waitForRun(cleanRun) { $0["status"]?.stringValue == "SUCCESS" }
        let third = try tick()
        #expect(requested(third, "clean").first?.objectValue?["run_id"]?.stringValue == nil, "clean is fresh now")
        let status = try workspace.json(["status", "--limit", "50"]).value.objectValue?["runs"]?.arrayValue ?? []
        #expect(status.count == 2, "two runs in all, whatever the number of ticks")
        let history = try workspace.arco(["events", "--type", "AutomationEvaluated", "--json"]).stdout
        #expect(history.components(separatedBy: "\"type\":\"AutomationEvaluated\"").count - 1 == 4)
    }

    @Test("on_cron waits for the partitions a mapping reads, not the same key")
    func tickThroughMapping() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: 2024-01-04 }
            assets:
              raw: { command: "true", partitions: daily }
              lagged:
                command: "true"
                partitions: daily
                deps: { raw: { mapping: time_window, start_offset: -1, end_offset: -1 } }
            automation:
              lagged: 'on_cron("0 0 1 1 *")'
            """)
        func requested() throws -> [JSONValue] {
            let (status, value) = try workspace.json(["reconcile", "tick", "--dry-run"])
            #expect(status == 0)
            let result = try #require(value.objectValue?["results"]?.arrayValue?.first { $0.objectValue?["asset"] == "lagged" })
            return try #require(result.objectValue?["requested"]?.arrayValue)
        }
        // lagged 2024-01-03 reads raw 2024-01-02: raw 2024-01-03 alone is not enough.
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-03"]).status == 0)
        #expect(try requested().isEmpty)
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-02"]).status == 0)
        #expect(try requested().map { $0.objectValue?["partition"] ?? .null } == ["2024-01-03"])
    }

    @Test("reconcile merges consecutive partitions of single_run assets into one ranged run")
    func singleRunRanges() throws {
        let yaml = """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01, end: 2024-01-06 }
            assets:
              raw:
                command: '{ echo step; echo "$ARCO_PARTITION_KEYS"; } >> "$ARCO_WORKSPACE/ranges"'
                partitions: daily
                backfill_policy: single_run
              clean: { command: "true", deps: [raw], partitions: daily, backfill_policy: single_run }
            """
        let workspace = try RunWorkspace(yaml)
        #expect(try workspace.arco(["run", "raw+", "--partition", "2024-01-03"]).status == 0)
        let plan = try workspace.json(["reconcile", "plan"]).value.objectValue?["runs"]?.arrayValue ?? []
        #expect(plan.map { $0.objectValue?["partition"] ?? .null } == ["2024-01-01...2024-01-02", "2024-01-04...2024-01-05"])
        #expect(plan.first?.objectValue?["assets"] == ["raw", "clean"])
        #expect(plan.first?.objectValue?["targets"]?.arrayValue?.count == 4)
        try? FileManager.default.removeItem(atPath: workspace.path + "/ranges")
        #expect(try workspace.arco(["reconcile", "run"]).status == 0)
        let ranges = (try? String(contentsOfFile: workspace.path + "/ranges", encoding: .utf8)) ?? ""
        let lines = ranges.split(separator: "\n")
        #expect(lines.filter { $0 == "step" }.count == 2, "one step per range: \(ranges)")
        #expect(Set(lines.filter { $0 != "step" }) == ["2024-01-01", "2024-01-02", "2024-01-04", "2024-01-05"])
        #expect(try workspace.arco(["staleness", "report", "--check"]).status == 0)
    }

    @Test("bad input: unknown reason, cursor, selection, asset or partition")
    func badInput() throws {
        let workspace = try Self.materialized()
        let reason = try workspace.arco(["staleness", "report", "--reason", "OLD"])
        #expect(reason.status == 64)
        #expect(reason.stderr.contains("unknown reason 'OLD'"))
        let cursor = try workspace.arco(["staleness", "report", "--after", "nonsense"])
        #expect(cursor.status == 65)
        #expect(cursor.stderr.contains("error: 'nonsense' is not a cursor of this report"))
        #expect(cursor.stderr.contains("hint:"))
        #expect(try workspace.arco(["staleness", "report", "--select", "nope"]).status == 65)
        let unpartitioned = try workspace.arco(["staleness", "explain", "clean"])
        #expect(unpartitioned.status == 64)
        #expect(unpartitioned.stderr.contains("arco staleness report --select 'clean'"))
        #expect(try workspace.arco(["staleness", "explain", "clean", "--partition", "2099-01-01"]).status == 65)
        #expect(try workspace.arco(["staleness", "explain", "nope"]).status == 65)
        #expect(try workspace.arco(["staleness", "explain", "report", "--partition", "x"]).status == 64)
    }
}
