import ArcoCore
import Foundation
import Testing

/// Stopping a foreground command says what it leaves behind and how to continue (issue 17,
/// item 3), and `backfill status` tells a backfill something drives from one nothing does.
@Suite struct InterruptEndToEndTests {
    /// Each partition's step waits for a file (at most 30 s, so a failed test leaves no step
    /// behind for long), so runs stay in flight until the test says.
    static let yaml = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-07 }
        assets:
          slow:
            command: 'i=0; while [ ! -f "$ARCO_WORKSPACE/go" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; \(RunWorkspace.mark)'
            partitions: daily
        """

    @Test("SIGINT or SIGTERM of a foreground backfill names what stays in flight and the resume command", arguments: [SIGINT, SIGTERM])
    func backfillInterrupted(signal: Int32) throws {
        let workspace = try RunWorkspace(Self.yaml)
        defer { try? workspace.touch("go") }
        let create = try BackgroundArco(
            ["backfill", "create", "--select", "slow", "--all", "--max-concurrent-runs", "2"], in: workspace.path)
        #expect(create.waitForStderr(containing: "2 running", seconds: 20), "\(create.stderr())")
        let id = try #require(try workspace.json(["backfill", "list"]).value["backfills"]?.arrayValue?.first?["backfill_id"]?.stringValue)
        #expect(try workspace.json(["backfill", "status", id]).value["driven"]?.boolValue == true)

        create.signal(signal)
        #expect(create.wait(seconds: 10) == 128 + signal)
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(create.stderr().contains(
            "interrupted (\(name)): backfill \(id) stays RUNNING with 2 runs in flight, which finish on their own, "
                + "and 4 partitions to go; continue it with `arco backfill resume \(id)`"), "\(create.stderr())")

        let status = try workspace.arco(["backfill", "status", id])
        #expect(status.stdout.contains("driven     no: nothing is driving it; continue it with `arco backfill resume \(id)`"), "\(status.stdout)")
        #expect(try workspace.json(["backfill", "status", id]).value["driven"]?.boolValue == false)
        try workspace.touch("go")
        let (resumed, backfill) = try workspace.json(["backfill", "resume", id])
        #expect(resumed == 0)
        #expect(backfill["status"]?.stringValue == "SUCCEEDED")
        #expect(workspace.markers().count == 6, "each partition once: \(workspace.markers())")
    }

    @Test("a running arco worker counts as driving every backfill; once it stops, nothing does")
    func workerDrives() throws {
        let workspace = try RunWorkspace(Self.yaml)
        // The killed worker's steps run on in their own sessions: this lets them end.
        defer { try? workspace.touch("go") }
        let (_, created) = try workspace.json(["backfill", "create", "--select", "slow", "--all", "--detach"])
        let id = try #require(created["backfill_id"]?.stringValue)
        #expect(try workspace.json(["backfill", "status", id]).value["driven"]?.boolValue == false)
        let worker = try BackgroundArco(["worker"], in: workspace.path)
        let deadline = Date().addingTimeInterval(20)
        var driven = false
        while !driven && Date() < deadline {
            driven = try workspace.json(["backfill", "status", id]).value["driven"]?.boolValue == true
            if !driven { usleep(100_000) }
        }
        #expect(driven)
        worker.signal(SIGKILL)
        _ = worker.wait(seconds: 10)
        #expect(try workspace.json(["backfill", "status", id]).value["driven"]?.boolValue == false, "a killed worker still counts")
    }

    /// `after` is partitioned, so a reconcile plan runs it apart from `waits`.
    static let chain = """
        version: 1
        partitions:
          daily: { type: daily, start: 2024-01-01, end: 2024-01-03 }
        assets:
          quick: { command: '\(RunWorkspace.mark)' }
          waits:
            command: 'i=0; while [ ! -f "$ARCO_WORKSPACE/go" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; \(RunWorkspace.mark)'
            deps: [quick]
          after: { command: '\(RunWorkspace.mark)', deps: [waits], partitions: daily }
        """

    /// Waits until the latest run's `step` is RUNNING, so a signal lands mid-step.
    static func waitForRunningStep(_ step: String, in workspace: RunWorkspace) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let runID = try? workspace.latestRunID(),
                try workspace.json(["status", runID]).value.stepStatuses[step] == "RUNNING"
            {
                return
            }
            usleep(50_000)
        }
        throw RunTestError("step \(step) never ran")
    }

    @Test("an interrupted run names the steps that did not finish in a rerun command that works")
    func runInterrupted() throws {
        let workspace = try RunWorkspace(Self.chain)
        defer { try? workspace.touch("go") }
        let run = try BackgroundArco(["run", "quick", "waits"], in: workspace.path)
        try Self.waitForRunningStep("waits", in: workspace)
        run.signal(SIGINT)
        #expect(run.wait(seconds: 10) == 1)
        let runID = try workspace.latestRunID()
        let expected = "interrupted: nothing stays in flight (the steps were stopped); run what did not finish with "
            + "`arco rerun \(runID) --steps waits`"
        #expect(run.stderr().contains(expected), "\(run.stderr())")
        try workspace.touch("go")
        workspace.clearMarkers()
        #expect(try workspace.arco(["rerun", runID, "--steps", "waits"]).status == 0)
        #expect(workspace.markers() == ["waits"])
    }

    @Test("an interrupted reconcile run says how many planned runs did not start and how to continue")
    func reconcileInterrupted() throws {
        let workspace = try RunWorkspace(Self.chain)
        defer { try? workspace.touch("go") }
        #expect(try workspace.arco(["run", "quick"]).status == 0)
        let planned = try workspace.json(["reconcile", "plan"]).value["runs"]?.arrayValue?.count ?? 0
        #expect(planned >= 2, "waits first, then after")
        let reconcile = try BackgroundArco(["reconcile", "run"], in: workspace.path)
        try Self.waitForRunningStep("waits", in: workspace)
        reconcile.signal(SIGTERM)
        #expect(reconcile.wait(seconds: 10) == 1)
        let runID = try workspace.latestRunID()
        #expect(reconcile.stderr().contains(
            "interrupted: run \(runID) canceled and nothing stays in flight; \(Plural.count(planned - 1, "planned run")) not started; "
                + "continue with `arco reconcile run`"), "\(reconcile.stderr())")
    }
}

