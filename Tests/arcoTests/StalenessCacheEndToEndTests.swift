import ArcoCore
import ArcoStore
import ArcoTesting
import Foundation
import Testing

/// The verdict cache behind `arco staleness report` (ADR 0012): reports read through it give what
/// a full evaluation gives, whatever changed in between.
@Suite struct StalenessCacheEndToEndTests {
    static func store(_ workspace: RunWorkspace) throws -> SQLiteStore {
        try SQLiteStore(path: workspace.path + "/.arco/arco.db", options: SQLiteStore.Options(create: false))
    }

    static func headers(_ workspace: RunWorkspace) throws -> [AssetKey: StalenessCacheHeader] {
        try store(workspace).read { try $0.stalenessCacheHeaders() }
    }

    /// The report with every cached verdict dropped first: what a full evaluation says.
    static func uncached(_ workspace: RunWorkspace, _ arguments: [String]) throws -> String {
        #expect(try workspace.arco(["rebuild"]).status == 0)
        #expect(try headers(workspace).isEmpty, "rebuild empties the cache")
        return try workspace.arco(arguments).stdout
    }

    /// Replaces clean's cached verdicts (three partitions, all fresh) with one `CODE_CHANGED`
    /// at 2024-01-01, under the entry's own fingerprint: a report that shows it reused the row
    /// instead of evaluating that partition again.
    static func plantCodeChanged(_ workspace: RunWorkspace, over entry: StalenessCacheHeader) throws {
        var planted = StalenessRow(
            asset: "clean", partition: "2024-01-01", status: .stale, reason: .codeChanged,
            cause: .codeChanged(materialized: "0", current: nil, materializedAt: Timestamp(secondsSinceEpoch: 0)),
            since: nil)
        planted.position = 0
        let epoch = try store(workspace).read { try $0.stalenessCacheEpoch() }
        #expect(try store(workspace).saveStalenessCache([
            StalenessCacheEntry(
                asset: "clean", fingerprint: entry.fingerprint, rows: [planted], total: 3,
                structure: entry.refresh.structure, asOf: entry.refresh.asOf, keys: entry.refresh.keys),
        ], epoch: epoch))
    }

    @Test("cached reports equal full evaluations after runs, code changes and a damaged entry")
    func cachedEqualsEvaluated() throws {
        let workspace = try StalenessEndToEndTests.materialized()
        let arguments = ["staleness", "report", "--include-fresh", "--json", "--now", "2024-06-01T00:00:00Z"]
        let first = try workspace.arco(arguments).stdout
        let saved = try Self.headers(workspace)
        #expect(Set(saved.keys) == ["raw", "clean", "report"], "the first report saves every asset's verdicts")
        #expect(try workspace.arco(arguments).stdout == first)
        #expect(try Self.headers(workspace).mapValues(\.fingerprint) == saved.mapValues(\.fingerprint))

        // A new data version upstream: raw and everything reading it get new fingerprints.
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-02"]).status == 0)
        let changed = try workspace.arco(arguments).stdout
        #expect(changed.contains("UPSTREAM_CHANGED"))
        let afterRun = try Self.headers(workspace)
        #expect(afterRun["raw"]?.fingerprint != saved["raw"]?.fingerprint)
        #expect(afterRun["report"]?.fingerprint != saved["report"]?.fingerprint)
        #expect(changed == (try Self.uncached(workspace, arguments)))

        // A code version downstream: only clean and report change; raw's verdicts are reused.
        _ = try workspace.arco(arguments)
        let beforeCode = try Self.headers(workspace)
        try workspace.folder.write("arco.yaml", StalenessEndToEndTests.yaml(cleanCode: "2"))
        let coded = try workspace.arco(arguments).stdout
        #expect(coded.contains("CODE_CHANGED"))
        let afterCode = try Self.headers(workspace)
        #expect(afterCode["raw"]?.fingerprint == beforeCode["raw"]?.fingerprint)
        #expect(afterCode["clean"]?.fingerprint != beforeCode["clean"]?.fingerprint)
        #expect(coded == (try Self.uncached(workspace, arguments)))

        // An entry that does not decode is computed again (and replaced), not trusted or fatal.
        _ = try workspace.arco(arguments)
        let entry = try #require(try Self.headers(workspace)["clean"])
        let epoch = try Self.store(workspace).read { try $0.stalenessCacheEpoch() }
        #expect(try Self.store(workspace).saveStalenessCache([
            StalenessCacheEntry(asset: "clean", fingerprint: entry.fingerprint, counts: entry.counts, rows: [9, 9, 9]),
        ], epoch: epoch))
        #expect(try workspace.arco(arguments).stdout == coded)
        let repaired = try #require(try Self.store(workspace).read { try $0.stalenessCacheRows("clean") })
        #expect(repaired != [9, 9, 9], "the damaged entry was replaced")

        // A leaf materialized: raw and clean are served from the cache, report evaluated
        // against them; the result is what a full evaluation gives.
        #expect(try workspace.arco(["run", "report"]).status == 0)
        let beforeLeaf = try Self.headers(workspace)
        let leafRan = try workspace.arco(arguments).stdout
        let afterLeaf = try Self.headers(workspace)
        #expect(afterLeaf["clean"]?.fingerprint == beforeLeaf["clean"]?.fingerprint)
        #expect(afterLeaf["report"]?.fingerprint != beforeLeaf["report"]?.fingerprint)
        #expect(leafRan == (try Self.uncached(workspace, arguments)))
    }

    @Test("a materialization since an entry was saved re-evaluates only the partitions it reaches")
    func refreshAtMaterializedPartitions() throws {
        let workspace = try StalenessEndToEndTests.materialized()
        let arguments = ["staleness", "report", "--json", "--now", "2024-06-01T00:00:00Z"]
        _ = try workspace.arco(arguments)
        let entry = try #require(try Self.headers(workspace)["clean"])
        #expect(!entry.refresh.structure.isEmpty)
        #expect(entry.refresh.asOf == (try Self.store(workspace).read { try $0.tip().seq }))
        // A verdict planted at clean 2024-01-01: a refresh after raw 2024-01-02 is materialized
        // keeps it, because nothing it reads changed; a full evaluation finds the partition fresh.
        try Self.plantCodeChanged(workspace, over: entry)
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-02"]).status == 0)
        let refreshed = StalenessEndToEndTests.rows(try JSONParser.parse(try workspace.arco(arguments).stdout))
            .map(StalenessEndToEndTests.describe)
        #expect(refreshed == [
            "clean 2024-01-01 CODE_CHANGED", "clean 2024-01-02 UPSTREAM_CHANGED", "report - UPSTREAM_STALE",
        ])
        let evaluated = StalenessEndToEndTests.rows(try JSONParser.parse(try Self.uncached(workspace, arguments)))
            .map(StalenessEndToEndTests.describe)
        #expect(evaluated == ["clean 2024-01-02 UPSTREAM_CHANGED", "report - UPSTREAM_STALE"])
    }

    @Test("a new day evaluates the new partition and keeps the others' verdicts")
    func refreshAtNewDay() throws {
        let workspace = try RunWorkspace("""
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01 }
            assets:
              raw: { command: "true", partitions: daily }
              clean: { command: "true", deps: [raw], partitions: daily }
            """)
        #expect(try workspace.arco(["run", "raw+", "--partition-range", "2024-01-01...2024-01-03"]).status == 0)
        func report(_ now: String) throws -> [String] {
            StalenessEndToEndTests.rows(
                try JSONParser.parse(try workspace.arco(["staleness", "report", "--json", "--now", now]).stdout)
            ).map(StalenessEndToEndTests.describe)
        }
        #expect(try report("2024-01-04T00:30:00Z").isEmpty)
        // A verdict planted at clean 2024-01-01: the next day's refresh must leave it be.
        try Self.plantCodeChanged(workspace, over: try #require(try Self.headers(workspace)["clean"]))
        #expect(try report("2024-01-05T00:30:00Z") == [
            "raw 2024-01-04 NEVER_MATERIALIZED", "clean 2024-01-01 CODE_CHANGED", "clean 2024-01-04 NEVER_MATERIALIZED",
        ])
        #expect(try workspace.arco(["rebuild"]).status == 0)
        #expect(try report("2024-01-05T00:30:00Z") == ["raw 2024-01-04 NEVER_MATERIALIZED", "clean 2024-01-04 NEVER_MATERIALIZED"])
    }

    @Test("assets evaluated in full read their cached upstream verdicts, with no entry to refresh")
    func fullEvaluationsReadCachedUpstream() throws {
        let workspace = try StalenessEndToEndTests.materialized()
        let arguments = ["staleness", "report", "--json", "--now", "2024-06-01T00:00:00Z"]
        try workspace.folder.write("version", "v2")
        #expect(try workspace.arco(["run", "raw", "--partition", "2024-01-02"]).status == 0)
        _ = try workspace.arco(arguments)
        // Entries without a structure (as a foreign or damaged store might hold): they cannot
        // be refreshed.
        let store = try Self.store(workspace)
        let epoch = try store.read { try $0.stalenessCacheEpoch() }
        var downgraded: [StalenessCacheEntry] = []
        for (asset, header) in try Self.headers(workspace) {
            let rows = try #require(try store.read { try $0.stalenessCacheRows(asset) })
            downgraded.append(StalenessCacheEntry(asset: asset, fingerprint: header.fingerprint, counts: header.counts, rows: rows))
        }
        #expect(store.saveStalenessCache(downgraded, epoch: epoch))
        // clean and report are out of date; raw's cached verdicts must still reach them.
        #expect(try workspace.arco(["run", "clean", "--partition", "2024-01-03"]).status == 0)
        let afterUpgrade = try workspace.arco(arguments).stdout
        #expect(afterUpgrade.contains("UPSTREAM_CHANGED"))
        #expect(afterUpgrade == (try Self.uncached(workspace, arguments)))

        // A new asset reading clean, uncached, is the only one out of date.
        _ = try workspace.arco(arguments)
        try workspace.folder.write(
            "arco.yaml",
            StalenessEndToEndTests.yaml() + "\n  audit: { command: \"true\", deps: [clean], partitions: daily }\n")
        #expect(try workspace.arco(["run", "audit", "--partition", "2024-01-02"]).status == 0)
        _ = try workspace.arco(arguments)
        let withAudit = try workspace.arco(arguments + ["--select", "audit"]).stdout
        #expect(withAudit.contains("\"asset\":\"audit\""), "audit 2024-01-02 reads a stale clean partition")
        #expect(withAudit == (try Self.uncached(workspace, arguments + ["--select", "audit"])))
    }

    @Test("verdicts computed before a rebuild are not saved after it")
    func epochAcrossRebuild() throws {
        let workspace = try StalenessEndToEndTests.materialized()
        _ = try workspace.arco(["staleness", "report", "--json"])
        let entry = try #require(try Self.headers(workspace)["raw"])
        let epoch = try Self.store(workspace).read { try $0.stalenessCacheEpoch() }
        #expect(try workspace.arco(["rebuild"]).status == 0)
        let stale = StalenessCacheEntry(asset: "raw", fingerprint: entry.fingerprint, counts: entry.counts, rows: [1, 0])
        #expect(try Self.store(workspace).saveStalenessCache([stale], epoch: epoch) == false)
        #expect(try Self.headers(workspace).isEmpty)
        let current = try Self.store(workspace).read { try $0.stalenessCacheEpoch() }
        #expect(current == epoch + 1)
        #expect(try Self.store(workspace).saveStalenessCache([stale], epoch: current))
    }

    @Test("--reason with --include-fresh prints only rows of that reason, as without the cache")
    func reasonWithIncludeFresh() throws {
        let workspace = try StalenessEndToEndTests.materialized()
        try workspace.folder.write("arco.yaml", StalenessEndToEndTests.yaml(cleanCode: "2"))
        for _ in 0..<2 {
            let rows = StalenessEndToEndTests.rows(
                try workspace.json(["staleness", "report", "--reason", "CODE_CHANGED", "--include-fresh"]).value)
            #expect(rows.map(StalenessEndToEndTests.describe) == [
                "clean 2024-01-01 CODE_CHANGED", "clean 2024-01-02 CODE_CHANGED", "clean 2024-01-03 CODE_CHANGED",
            ])
        }
    }

    /// raw (daily) → daily_summary (daily, max_lag 1h), and hourly_check (unpartitioned, 1h).
    static let freshnessYAML = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-04 }
        assets:
          raw: { command: "true", partitions: daily }
          daily_summary: { command: "true", deps: [raw], partitions: daily, freshness: { max_lag: 1h } }
          hourly_check: { command: "true", freshness: { max_lag: 1h } }
        """

    @Test("freshness is applied at read time: cached verdicts serve any --now")
    func freshnessOverCachedVerdicts() throws {
        let workspace = try RunWorkspace(Self.freshnessYAML)
        #expect(try workspace.arco(["run", "raw+", "--partition-range", "2024-01-01...2024-01-03"]).status == 0)
        #expect(try workspace.arco(["run", "hourly_check"]).status == 0)
        // Far in the future every materialization is past its lag; only the latest window of the
        // daily asset (and the unpartitioned one) is checked.
        let late = ["staleness", "report", "--json", "--now", "2100-01-01T00:00:00Z"]
        let lateRows = StalenessEndToEndTests.rows(try JSONParser.parse(try workspace.arco(late).stdout))
        #expect(lateRows.map(StalenessEndToEndTests.describe) == [
            "hourly_check - FRESHNESS_VIOLATED", "daily_summary 2024-01-03 FRESHNESS_VIOLATED",
        ])
        let fingerprints = try Self.headers(workspace).mapValues(\.fingerprint)
        // Now, within the hour, nothing is late: the same cached verdicts serve.
        let now = ["staleness", "report", "--json", "--check"]
        let current = try workspace.arco(now)
        #expect(current.status == 0, "\(current.stdout)")
        #expect(try Self.headers(workspace).mapValues(\.fingerprint) == fingerprints)
        let lateAgain = try workspace.arco(late + ["--check"])
        #expect(lateAgain.status == 1)
        #expect(
            StalenessEndToEndTests.rows(try JSONParser.parse(lateAgain.stdout)).map(StalenessEndToEndTests.describe)
                == lateRows.map(StalenessEndToEndTests.describe))
        let summary = try JSONParser.parse(lateAgain.stdout).objectValue?["summary"]
        #expect(summary == ["fresh": 5, "missing": 0, "stale": 2])
        #expect(try workspace.arco(late).stdout == (try Self.uncached(workspace, late)))
    }
}

/// Random operations on a small workspace, the cached report and plan checked against a full
/// evaluation after each: whatever mix of reuse, refresh and evaluation the cache chose.
@Suite struct StalenessCacheRandomTests {
    static func yaml(codes: [String: Int]) -> String {
        func code(_ asset: String) -> String { codes[asset].map { ", code_version: \"\($0)\"" } ?? "" }
        return """
            version: 1
            partitions:
              daily: { type: daily, start: 2024-01-01 }
            assets:
              raw:
                command: 'echo "{\\"data_version\\": \\"$(cat "$ARCO_WORKSPACE/version")\\"}" >> "$ARCO_REPORT"'
                partitions: daily\(codes["raw"].map { "\n    code_version: \"\($0)\"" } ?? "")
              clean: { command: "true", deps: [raw], partitions: daily\(code("clean")) }
              lagged:
                command: "true"
                partitions: daily
                deps: { raw: { mapping: time_window, start_offset: -1, end_offset: -1 } }
              total: { command: "true", deps: [clean]\(code("total")) }
              audit: { command: "true", deps: [lagged, total], partitions: daily\(code("audit")) }
            """
    }

    /// The command's output in a copy of the workspace whose verdict cache was emptied.
    static func uncached(_ workspace: RunWorkspace, _ arguments: [String]) throws -> String {
        let copy = try TemporaryFolder()
        try FileManager.default.removeItem(atPath: copy.path)
        try FileManager.default.copyItem(atPath: workspace.path, toPath: copy.path)
        #expect(try ArcoBinary.run(["rebuild"], in: copy.path).status == 0)
        return try ArcoBinary.run(arguments, in: copy.path).stdout
    }

    @Test(
        "cached reports and plans equal full evaluations through random runs, reports and code changes",
        arguments: [3, 8] as [UInt64])
    func randomOperations(seed: UInt64) throws {
        var generator = SplitMixGenerator(seed: seed)
        var codes: [String: Int] = [:]
        let workspace = try RunWorkspace(Self.yaml(codes: codes))
        try workspace.folder.write("version", "v0")
        #expect(try workspace.arco(["run", "*", "--partition-range", "2024-01-01...2024-01-05"]).status == 0)
        // Days end at midnight UTC: at 00:30 on the 6th the keys are the 1st to the 5th, and
        // each day the clock moves on adds one (a refresh of appended keys).
        var today = 6
        var now: String { String(format: "2024-01-%02dT00:30:00Z", today) }
        var report: [String] { ["staleness", "report", "--include-fresh", "--json", "--now", now] }
        var plan: [String] { ["reconcile", "plan", "--json", "--now", now] }
        _ = try workspace.arco(report)
        var seen = Set<StaleReason>()
        for step in 0..<18 {
            let day = String(format: "2024-01-%02d", Int.random(in: 1..<min(today, 10), using: &generator))
            switch Int.random(in: 0..<5, using: &generator) {
            case 4:
                today += 1
            case 0:
                try workspace.folder.write("version", "v\(step)")
                #expect(try workspace.arco(["run", "raw", "--partition", day]).status == 0)
            case 1:
                let asset = ["clean", "lagged", "audit"].randomElement(using: &generator)!
                #expect(try workspace.arco(["asset", "report", asset, "--partition", day, "--data-version", "r\(step)"]).status == 0)
            case 2:
                let asset = ["raw", "clean", "total", "audit"].randomElement(using: &generator)!
                codes[asset, default: 0] += 1
                try workspace.folder.write("arco.yaml", Self.yaml(codes: codes))
            default:
                #expect(try workspace.arco(["run", "clean+", "--partition", day]).status == 0)
            }
            let cached = try workspace.arco(report).stdout
            for reason in StaleReason.allCases where cached.contains("\"\(reason.rawValue)\"") { seen.insert(reason) }
            #expect(cached == (try Self.uncached(workspace, report)), "report after step \(step)")
            #expect(try workspace.arco(plan).stdout == (try Self.uncached(workspace, plan)), "plan after step \(step)")
        }
        // The operations reached the interesting verdicts, not just fresh ones.
        #expect(seen.isSuperset(of: [.codeChanged, .upstreamChanged, .upstreamStale]), "\(seen)")
    }
}
