import ArcoCore
import Foundation
import Testing

/// Run and backfill ids accept a unique prefix, as git accepts one of a commit (issue 17,
/// item 11): a prefix that names one id works wherever the id does; one that names several is
/// refused with the candidates (exit 64), one that names none is not found (exit 66).
@Suite struct IDPrefixEndToEndTests {
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-05 }
        assets:
          a: { command: 'echo "hello from $ARCO_RUN_ID"' }
          days: { command: 'true', partitions: daily }
        """

    /// The shortest prefix of `id` that no other of `ids` shares.
    static func uniquePrefix(of id: String, among ids: [String]) -> String {
        let others = ids.filter { $0 != id }
        for length in 1...id.count {
            let prefix = String(id.prefix(length))
            if !others.contains(where: { $0.hasPrefix(prefix) }) { return prefix }
        }
        return id
    }

    @Test("status, logs and rerun take a unique prefix of a run id; a shared or unknown prefix is refused")
    func runPrefixes() throws {
        let workspace = try RunWorkspace(Self.yaml)
        var ids: [String] = []
        for _ in 0..<3 {
            let (result, object) = try workspace.json(["run", "a"])
            #expect(result == 0)
            ids.append(try #require(object["run_id"]?.stringValue))
        }
        let target = ids[1]
        let prefix = Self.uniquePrefix(of: target, among: ids)
        #expect(prefix.count < target.count)

        let (status, object) = try workspace.json(["status", prefix])
        #expect(status == 0)
        #expect(object["run_id"]?.stringValue == target)
        let logs = try workspace.arco(["logs", prefix])
        #expect(logs.status == 0, "\(logs.stderr)")
        #expect(logs.stdout.contains("hello from \(target)"), "\(logs.stdout)")

        let shared = String(target.prefix(4))
        let ambiguous = try workspace.arco(["status", shared])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("error: '\(shared)' is the start of several run ids: "), "\(ambiguous.stderr)")
        for id in ids { #expect(ambiguous.stderr.contains(id)) }
        #expect(ambiguous.stderr.contains("hint: give more of the id; list runs: `arco status`"))

        let unknown = try workspace.arco(["cancel", "run_zzzz"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("error: no run 'run_zzzz'"), "\(unknown.stderr)")
    }

    @Test("backfill status and cancel take a unique prefix of a backfill id")
    func backfillPrefixes() throws {
        let workspace = try RunWorkspace(Self.yaml)
        var ids: [String] = []
        for _ in 0..<2 {
            let (result, object) = try workspace.json(["backfill", "create", "--select", "days", "--all", "--detach"])
            #expect(result == 0)
            ids.append(try #require(object["backfill_id"]?.stringValue))
        }
        let prefix = Self.uniquePrefix(of: ids[0], among: ids)
        let (status, object) = try workspace.json(["backfill", "status", prefix])
        #expect(status == 0)
        #expect(object["backfill_id"]?.stringValue == ids[0])
        let ambiguous = try workspace.arco(["backfill", "cancel", String(ids[0].prefix(3))])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("is the start of several backfill ids"), "\(ambiguous.stderr)")
    }

    @Test("logs and backfill status without an id show the latest; cancel without one lists what it could cancel")
    func missingIDs() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let noRuns = try workspace.arco(["logs"])
        #expect(noRuns.status == 66)
        #expect(noRuns.stderr.contains("error: no runs yet"), "\(noRuns.stderr)")
        var ids: [String] = []
        for _ in 0..<2 { ids.append(try #require(try workspace.json(["run", "a"]).value["run_id"]?.stringValue)) }
        let logs = try workspace.arco(["logs"])
        #expect(logs.status == 0)
        #expect(logs.stdout.contains("hello from \(ids[1])"), "\(logs.stdout)")
        #expect(logs.stderr == "logs of the latest run, \(ids[1])\n")

        let nothing = try workspace.arco(["cancel"])
        #expect(nothing.status == 64)
        #expect(nothing.stderr == "error: `arco cancel` needs a run id, and no run can take it now\nhint: list runs: `arco status`\n")
        // A run queued for a worker that never started (its requester died after queuing).
        _ = try workspace.arco(["run", "a", "--detach"], environment: ["ARCO_CRASH_POINT": "after-queue"])
        let queued = try #require(try workspace.json(["status", "--limit", "1"]).value["runs"]?.arrayValue?.first?["run_id"]?.stringValue)
        let choices = try workspace.arco(["cancel"])
        #expect(choices.status == 64)
        #expect(choices.stderr.hasPrefix("error: `arco cancel` needs a run id; candidates:\n  \(queued)  QUEUED  a\n"), "\(choices.stderr)")
        #expect(choices.stderr.hasSuffix("hint: `arco cancel \(queued)`\n"))
        #expect(!choices.stderr.contains(ids[0]), "an ended run offered for cancel")

        var backfills: [String] = []
        for _ in 0..<2 {
            let created = try workspace.json(["backfill", "create", "--select", "days", "--all", "--detach"])
            backfills.append(try #require(created.value["backfill_id"]?.stringValue))
        }
        #expect(try workspace.json(["backfill", "status"]).value["backfill_id"]?.stringValue == backfills[1])
    }
}
