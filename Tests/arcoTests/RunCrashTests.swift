import ArcoCore
import Foundation
import Testing

/// kill -9 of the processes that execute runs, then the store must say what happened and still
/// verify clean (ARCHITECTURE §9).
@Suite struct RunCrashTests {
    static let yaml = """
        version: 1
        assets:
          long: { command: 'echo $$ > "$ARCO_WORKSPACE/step.pid"; sleep 30' }
          quick: { command: '\(RunWorkspace.mark)' }
        """

    @Test("kill -9 of a worker mid-step fails the run with the reason, stops the orphaned step, and verifies clean")
    func workerKilled() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let runID = try workspace.arco(["run", "long", "--detach"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let running = try workspace.waitForRun(runID) { $0.stepStatuses["long"] == "RUNNING" }
        #expect(running.stepStatuses["long"] == "RUNNING")
        workspace.waitForPID("step.pid", seconds: 10)
        let workerPID = try #require(Self.workerPID(of: runID))
        kill(workerPID, SIGKILL)
        let lost = try workspace.waitForRun(runID, seconds: 10) { $0["status"]?.stringValue == "FAILURE" }
        #expect(lost["status"]?.stringValue == "FAILURE")
        #expect(lost["reason"]?.stringValue == "worker lost: worker process \(workerPID) exited without finishing the run")
        #expect(lost.stepStatuses["long"] == "FAILURE")
        let step = try pidFile(workspace.path + "/step.pid")
        usleep(200_000)
        #expect(!isRunning(step), "the lost worker's step \(step) is still running")
        let verify = try workspace.arco(["rebuild", "--verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test("kill -9 of arco run between reservation and execution: the same run key finishes that run, not a second")
    func killedAfterReservation() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let crashed = try workspace.arco(["run", "quick", "--run-key", "once"], environment: ["ARCO_CRASH_POINT": "after-reserve"])
        #expect(crashed.status != 0)
        #expect(workspace.markers().isEmpty)
        let queued = try workspace.json(["status"]).value["runs"]?.arrayValue ?? []
        #expect(queued.count == 1)
        #expect(queued.first?["status"]?.stringValue == "QUEUED")

        let (status, run) = try workspace.json(["run", "quick", "--run-key", "once"])
        #expect(status == 0)
        #expect(run["existing"]?.boolValue == true)
        #expect(run["run_id"] == queued.first?["run_id"])
        #expect(run["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["quick"])
        #expect(try workspace.json(["status"]).value["runs"]?.arrayValue?.count == 1)
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }

    @Test("kill -9 of arco run before execution without a run key: readers cancel the run and no worker executes it")
    func keylessRunKilledAfterReservation() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let crashed = try workspace.arco(["run", "quick"], environment: ["ARCO_CRASH_POINT": "after-reserve"])
        #expect(crashed.status != 0)
        let runs = try workspace.json(["status"]).value["runs"]?.arrayValue ?? []
        #expect(runs.count == 1)
        #expect(runs.first?["status"]?.stringValue == "CANCELED")
        let runID = try #require(runs.first?["run_id"]?.stringValue)
        let (_, run) = try workspace.json(["status", runID])
        #expect(run["reason"]?.stringValue?.hasSuffix("that requested the run exited before starting it") == true)
        #expect(run.stepStatuses["quick"] == "CANCELED")
        #expect(try workspace.arco(["worker", "--once"]).status == 0)
        #expect(workspace.markers().isEmpty, "a worker executed a run whose requester had died")
        #expect(try workspace.arco(["rebuild", "--verify"]).status == 0)
    }

    @Test("kill -9 of arco run before execution: repeating the key with --detach hands the run to a worker")
    func killedAfterReservationResumedDetached() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let crashed = try workspace.arco(["run", "quick", "--run-key", "once"], environment: ["ARCO_CRASH_POINT": "after-reserve"])
        #expect(crashed.status != 0)
        let (status, queued) = try workspace.json(["run", "quick", "--run-key", "once", "--detach"])
        #expect(status == 0)
        #expect(queued["existing"]?.boolValue == true)
        let runID = try #require(queued["run_id"]?.stringValue)
        let finished = try workspace.waitForRun(runID, seconds: 10) { $0["status"]?.stringValue == "SUCCESS" }
        #expect(finished["status"]?.stringValue == "SUCCESS")
        #expect(workspace.markers() == ["quick"])
    }

    @Test("SIGTERM to a worker cancels the run it executes with the reason and stops its step")
    func workerTerminated() throws {
        let workspace = try RunWorkspace(Self.yaml)
        let runID = try workspace.arco(["run", "long", "--detach"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try workspace.waitForRun(runID) { $0.stepStatuses["long"] == "RUNNING" }
        workspace.waitForPID("step.pid", seconds: 10)
        let workerPID = try #require(Self.workerPID(of: runID))
        kill(workerPID, SIGTERM)
        let canceled = try workspace.waitForRun(runID, seconds: 10) { $0["status"]?.stringValue == "CANCELED" }
        #expect(canceled["status"]?.stringValue == "CANCELED")
        #expect(canceled["reason"]?.stringValue == "canceled: worker interrupted (SIGTERM)")
        let step = try pidFile(workspace.path + "/step.pid")
        usleep(200_000)
        #expect(!isRunning(step), "the worker's step \(step) outlived the worker's SIGTERM")
    }

    /// The `arco worker --run RUN` process executing a detached run.
    static func workerPID(of runID: String) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.contains("worker") && arguments.contains(runID) { return pid }
        }
        return nil
    }
}
