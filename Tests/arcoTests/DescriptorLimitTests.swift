import ArcoCore
import Foundation
import Testing

/// Runs far longer than the open-file limit, and wider than it allows: every step attempt used
/// to leave one descriptor open, so a run failed every step after about a limit's worth, and a
/// run asked for more parallel steps than the limit allows failed hundreds of spawns and hung.
@Suite("Runs within the open-file limit", .serialized)
struct DescriptorLimitTests {
    static func workspace(command: String) throws -> RunWorkspace {
        try RunWorkspace(
            """
            version: 1
            partitions:
              days: { type: daily, start: 2020-01-01 }
            assets:
              a: { command: "\(command)", partitions: days }
            """)
    }

    /// `arco ARGUMENTS` under `ulimit -n LIMIT`, as a user's shell would start it; killed after
    /// two minutes, so a hang fails the test instead of stalling the suite.
    static func arco(_ arguments: [String], limit: Int, in workspace: RunWorkspace) throws -> ArcoBinary.Result {
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        return try ArcoBinary.run(
            ["-c", "ulimit -n \(limit) && exec timeout -s KILL 120 \"$ARCO\" \(quoted)"], in: workspace.path,
            environment: ["ARCO": ArcoBinary.arco], executable: "/bin/sh")
    }

    @Test("a foreground run of 600 steps under ulimit -n 128 succeeds: no descriptor outlives its attempt")
    func longForegroundRun() throws {
        let workspace = try Self.workspace(command: "true")
        let result = try Self.arco(["run", "a", "--partition-range", "2020-01-01...2021-08-22"], limit: 128, in: workspace)
        #expect(result.status == 0, "\(result.stdout.suffix(600))\(result.stderr)")
        #expect(result.stdout.contains("(600 steps: 600 success)"), "\(result.stdout.suffix(300))")
    }

    @Test("a worker executing 600 steps under ulimit -n 128, several times its limit, succeeds")
    func longWorkerRun() throws {
        let workspace = try Self.workspace(command: "true")
        let queued = try Self.arco(
            ["run", "a", "--partition-range", "2020-01-01...2021-08-22", "--detach"], limit: 128, in: workspace)
        #expect(queued.status == 0, "\(queued.stderr)")
        let runID = try workspace.latestRunID()
        let run = try workspace.waitForRun(runID, seconds: 120) { $0["status"]?.stringValue == "SUCCESS" || $0["status"]?.stringValue == "FAILURE" }
        #expect(run["status"]?.stringValue == "SUCCESS")
        let steps = run["steps"]?.arrayValue ?? []
        #expect(steps.count == 600)
        #expect(steps.allSatisfy { $0["status"]?.stringValue == "SUCCESS" })
    }

    @Test("under a limit too small for any step, each attempt fails as unable to start and the run ends, exit 1")
    func limitTooSmallForAStep() throws {
        let workspace = try Self.workspace(command: "true")
        let result = try Self.arco(["run", "a", "--partition-range", "2020-01-01...2020-01-05"], limit: 20, in: workspace)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("could not start: too few file descriptors left to start it"), "\(result.stdout)")
        #expect(result.stdout.contains("FAILURE in"))
        let run = try workspace.json(["status", try workspace.latestRunID()]).value
        #expect(run["status"]?.stringValue == "FAILURE")
    }

    @Test("500 parallel steps asked under ulimit -n 256 run at most what the limit allows, say so, and all succeed")
    func concurrencyCappedByLimit() throws {
        let workspace = try Self.workspace(command: "sleep 0.2")
        let result = try Self.arco(
            ["run", "a", "--partition-range", "2020-01-01...2021-05-14", "--max-concurrency", "500"], limit: 256, in: workspace)
        #expect(result.status == 0, "\(result.stdout.suffix(600))\(result.stderr)")
        #expect(result.stdout.contains("(500 steps: 500 success)"), "\(result.stdout.suffix(300))")
        let allowed = DescriptorBudget.stepsAllowed(descriptorLimit: 256)
        #expect(result.stderr.contains("note: running at most \(allowed) steps at once, not 500: the open-file limit is 256"), "\(result.stderr)")
    }
}
