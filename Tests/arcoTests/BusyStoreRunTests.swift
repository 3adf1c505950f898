import ArcoCore
import Foundation
import Testing

/// A run whose steps have started keeps its writes going through a busy store.
@Suite("Runs through a busy store", .serialized)
struct BusyStoreRunTests {
    @Test("a write lock held past ARCO_BUSY_TIMEOUT_MS mid-run delays the run's writes; the run succeeds, exit 0")
    func runOutlastsABusyStore() throws {
        let quick = (1...8).map { "q\($0)" }
        let workspace = try RunWorkspace(
            """
            version: 1
            assets:
              locker: { command: "python3 hold.py" }
            \(quick.map { "  \($0): { command: 'until [ -e locked ]; do sleep 0.05; done' }" }.joined(separator: "\n"))
            """)
        // The step takes the store's write lock, as another arco process would, and keeps it
        // far longer than the 300 ms the run's writes may wait each time; the other steps end
        // once the lock is held, so their ends must be recorded through it.
        try workspace.folder.write(
            "hold.py",
            """
            import sqlite3, time
            c = sqlite3.connect(".arco/arco.db", isolation_level=None, timeout=30)
            c.execute("BEGIN IMMEDIATE")
            open("locked", "w").close()
            time.sleep(2.5)
            c.execute("COMMIT")
            """)
        let result = try workspace.arco(
            ["run", "locker"] + quick + ["--max-concurrency", "9"], environment: ["ARCO_BUSY_TIMEOUT_MS": "300"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("waiting: the store has been busy"), "\(result.stderr)")
        let run = try workspace.json(["status", try workspace.latestRunID()]).value
        #expect(run["status"]?.stringValue == "SUCCESS")
        let steps = run["steps"]?.arrayValue ?? []
        #expect(steps.count == 9)
        #expect(steps.allSatisfy { $0["status"]?.stringValue == "SUCCESS" }, "\(steps)")
        let lost = try workspace.json(["events", "--type", "RunWorkerLost"]).value["events"]?.arrayValue ?? []
        #expect(lost.isEmpty)
    }
}
