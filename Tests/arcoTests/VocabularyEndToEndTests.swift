import ArcoCore
import Foundation
import Testing

/// One vocabulary across commands (issue 17, item 6): what each option counts is in its name,
/// old names still work, enum values and status names are accepted in any case and in either
/// the run or the backfill spelling, and a negative number is named as the mistake it is.
@Suite struct VocabularyEndToEndTests {
    static let yaml = """
        version: 1
        assets:
          a: { command: '\(RunWorkspace.mark)' }
          b: { command: '\(RunWorkspace.mark)' }
        """

    @Test("--max-concurrent-steps and its old name --max-concurrency both limit steps; giving both is refused")
    func stepConcurrency() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try workspace.arco(["run", "a", "b", "--max-concurrent-steps", "1"]).status == 0)
        #expect(try workspace.arco(["run", "a", "b", "--max-concurrency", "1"]).status == 0)
        let both = try workspace.arco(["run", "a", "--max-concurrent-steps", "1", "--max-concurrency", "2"])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("error: give --max-concurrent-steps once (--max-concurrency is its old name)"), "\(both.stderr)")
        let zero = try workspace.arco(["worker", "--once", "--max-concurrent-steps", "0"])
        #expect(zero.stderr.hasPrefix("error: --max-concurrent-steps must be at least 1"), "\(zero.stderr)")
        let help = try workspace.arco(["run", "--help"]).stdout
        #expect(help.contains("--max-concurrent-steps"))
        #expect(!help.contains("--max-concurrency"), "the old name is listed in help")
    }

    @Test("a negative number is refused by name, not read as an option", arguments: [
        (["status", "--limit", "-1"], "--limit must be at least 1"),
        (["backfill", "list", "--limit", "-3"], "--limit must be at least 1"),
        (["worker", "--once", "--max-concurrent-runs", "-1"], "--max-concurrent-runs must be at least 1"),
        (["run", "a", "--max-concurrent-steps", "-2"], "--max-concurrent-steps must be at least 1"),
    ])
    func negativeNumbers(arguments: [String], message: String) throws {
        let workspace = try RunWorkspace(Self.yaml)
        let result = try workspace.arco(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: \(message)\n"), "\(result.stderr)")
    }

    @Test("status filters take either vocabulary in any case: runs SUCCEEDED, backfills success")
    func statusSpellings() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try workspace.arco(["run", "a"]).status == 0)
        for spelling in ["SUCCESS", "success", "Succeeded"] {
            let runs = try workspace.json(["status", "--status", spelling]).value["runs"]?.arrayValue ?? []
            #expect(runs.count == 1, "\(spelling)")
        }
        #expect((try workspace.json(["status", "--status", "failed"]).value["runs"]?.arrayValue ?? [nil]).isEmpty)
        let backfills = try workspace.json(["backfill", "list", "--status", "success"])
        #expect(backfills.status == 0)
        let bad = try workspace.arco(["backfill", "list", "--status", "done"])
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("error: --status 'done' is not one of PENDING, RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELED"), "\(bad.stderr)")
    }

    @Test("events --type matches in any case; a type that does not exist is refused with the nearest")
    func eventTypes() throws {
        let workspace = try RunWorkspace(Self.yaml)
        #expect(try workspace.arco(["run", "a"]).status == 0)
        let events = try workspace.json(["events", "--type", "runrequested"]).value["events"]?.arrayValue ?? []
        #expect(events.count == 1)
        #expect(events.first?["type"]?.stringValue == "RunRequested")
        let typo = try workspace.arco(["events", "--type", "RunRequestd"])
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("error: --type 'RunRequestd' is not an event type; did you mean 'RunRequested'?"), "\(typo.stderr)")
    }
}

