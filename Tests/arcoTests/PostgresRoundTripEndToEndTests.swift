import ArcoCore
import Foundation
import Testing

/// A ledger exported from SQLite and imported into PostgreSQL (and back) answers every `--json`
/// query with the same bytes: the two stores differ in nothing an operator or a script can see.
@Suite struct PostgresRoundTripEndToEndTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-06 }
        assets:
          raw: { command: '\(RunWorkspace.mark); echo raw-out; echo raw-err >&2' }
          clean: { command: '\(RunWorkspace.mark)', deps: [raw] }
          days: { command: '\(RunWorkspace.mark); echo "day $ARCO_PARTITION_KEY"', partitions: daily }
          broken: { command: '\(RunWorkspace.mark); echo broken-out; exit 3' }
        """

    static let now = "2025-01-01T00:00:00Z"

    /// What the history below left to compare.
    struct History {
        var runs: [String]
        var backfill: String
    }

    /// Runs, a partitioned run, a backfill driven by `arco worker --once` and a failing asset, on SQLite.
    static func buildHistory(_ workspace: RunWorkspace) throws -> History {
        let sqlite = ["--store", "sqlite"]
        let (chain, chainRun) = try workspace.json(sqlite + ["run", "raw+"])
        #expect(chain == 0)
        let (partitioned, partitionRun) = try workspace.json(sqlite + ["run", "days", "--partition", "2024-01-02"])
        #expect(partitioned == 0)
        let backfill = try workspace.arco(sqlite + ["backfill", "create", "--select", "days", "--all", "--detach"])
        #expect(backfill.status == 0, "\(backfill.stderr)")
        let backfillID = backfill.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let worker = try workspace.arco(sqlite + ["worker", "--once"])
        #expect(worker.status == 0, "\(worker.stdout)\(worker.stderr)")
        let (driven, backfillRow) = try workspace.json(sqlite + ["backfill", "status", backfillID])
        #expect(driven == 0)
        #expect(backfillRow["status"]?.stringValue == "SUCCEEDED", "\(backfillRow)")
        let (failed, brokenRun) = try workspace.json(sqlite + ["run", "broken"])
        #expect(failed == 1)
        let runs = [chainRun, partitionRun, brokenRun].compactMap { $0["run_id"]?.stringValue }
        #expect(runs.count == 3)
        return History(runs: runs, backfill: backfillID)
    }

    /// The `--json` queries compared across stores.
    static func queries(_ history: History) -> [[String]] {
        var queries: [[String]] = [
            ["status", "--limit", "100"], ["events"], ["asset", "list"], ["asset", "show", "clean", "--now", now],
            ["asset", "show", "days", "--now", now], ["staleness", "report", "--now", now], ["backfill", "list"],
            ["backfill", "status", history.backfill], ["partitions", "list", "daily", "--now", now], ["ledger", "tip"],
        ]
        for run in history.runs { queries += [["status", run], ["logs", run]] }
        return queries
    }

    /// Asserts that every query prints the same bytes and exit status in both places.
    static func expectSame(_ queries: [[String]], _ left: (String, [String]), _ right: (String, [String])) throws {
        for query in queries {
            let a = try ArcoBinary.run(left.1 + query + ["--json"], in: left.0)
            let b = try ArcoBinary.run(right.1 + query + ["--json"], in: right.0)
            #expect(a.status == b.status, "\(query): exit \(a.status) vs \(b.status): \(a.stderr)\(b.stderr)")
            #expect(a.status == 0, "\(query): \(a.stderr)")
            #expect(!a.stdout.isEmpty, "\(query) printed nothing")
            #expect(a.stdout == b.stdout, "\(query) differs:\n\(a.stdout)\n---\n\(b.stdout)")
        }
    }

    /// `rebuild --verify` and `doctor` are clean.
    static func expectHealthy(_ folder: String, _ store: [String], _ label: String) throws {
        let verify = try ArcoBinary.run(store + ["rebuild", "--verify"], in: folder)
        #expect(verify.status == 0, "\(label): \(verify.stdout)\(verify.stderr)")
        let doctor = try ArcoBinary.run(store + ["doctor"], in: folder)
        #expect(doctor.status == 0, "\(label): \(doctor.stdout)\(doctor.stderr)")
    }

    @Test("SQLite → export → PostgreSQL → export → SQLite: every --json query prints the same bytes")
    func roundTrip() throws {
        let database = try PostgresEndToEnd.database("round_trip")
        let postgres = ["--store", database.socketURL]
        let sqlite = ["--store", "sqlite"]
        let workspace = try RunWorkspace(Self.yaml)
        let history = try Self.buildHistory(workspace)
        let export = try workspace.arco(sqlite + ["ledger", "export"])
        #expect(export.status == 0, "\(export.stderr)")
        try workspace.folder.write("sqlite.export", export.stdout)

        let imported = try workspace.arco(postgres + ["ledger", "import", workspace.path + "/sqlite.export"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let queries = Self.queries(history)
        // Step logs are files in .arco/logs, so the PostgreSQL side reads them from this folder.
        try Self.expectSame(queries, (workspace.path, sqlite), (workspace.path, postgres))
        try Self.expectHealthy(workspace.path, sqlite, "sqlite")
        try Self.expectHealthy(workspace.path, postgres, "postgres")

        let back = try workspace.arco(postgres + ["ledger", "export"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout == export.stdout, "the PostgreSQL store exported other bytes than it imported")
        let copy = try RunWorkspace(Self.yaml)
        // arco makes .arco (mode 0700) and the empty store; the step logs are copied in beside it.
        #expect(try copy.arco(["ledger", "tip"]).status == 0)
        try FileManager.default.copyItem(atPath: workspace.path + "/.arco/logs", toPath: copy.path + "/.arco/logs")
        let reimported = try ArcoBinary.run(["ledger", "import", "-"], in: copy.path, input: back.stdout)
        #expect(reimported.status == 0, "\(reimported.stdout)\(reimported.stderr)")
        try Self.expectSame(queries, (workspace.path, postgres), (copy.path, []))
        try Self.expectHealthy(copy.path, [], "sqlite copy")
    }
}
