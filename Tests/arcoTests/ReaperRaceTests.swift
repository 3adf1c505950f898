import ArcoCore
import Foundation
import Testing

/// The reaper (run by every command that reads runs) races with workers that finish a run and
/// exit. A reaper that read a run as executing, then found its worker gone, once recorded
/// `RunWorkerLost` for a run the worker had just ended: about 5 of 400 backfill runs carried a
/// loss the ledger says fails a run while `status` showed SUCCESS.
@Suite("Reaping races with finishing workers", .serialized)
struct ReaperRaceTests {
    @Test("many short runs ending in workers while readers reap: no ended run ever gets RunWorkerLost")
    func noLossAfterTheEnd() throws {
        let keys = (0..<240).map { String(format: "k%03d", $0) }
        let workspace = try RunWorkspace(
            """
            version: 1
            partitions:
              keys: { type: static, keys: [\(keys.joined(separator: ", "))] }
            assets:
              quick: { command: "true", partitions: keys }
            """)
        // Readers reap in a loop for as long as the backfill's workers run: every `status`
        // reads runs and reaps the ones whose process is gone.
        let readers = try (0..<3).map { _ in
            try workspace.startShell(#"while [ ! -e stop ]; do "$ARCO" status >/dev/null 2>&1; done"#)
        }
        defer {
            try? workspace.touch("stop")
            for reader in readers { reader.waitUntilExit() }
        }
        let backfill = try workspace.arco([
            "backfill", "create", "--select", "quick", "--all", "--max-concurrent-runs", "8",
        ])
        try workspace.touch("stop")
        for reader in readers { reader.waitUntilExit() }
        #expect(backfill.status == 0, "backfill: \(backfill.stdout)\(backfill.stderr)")

        let (_, lost) = try workspace.json(["events", "--type", "RunWorkerLost"])
        let losses = lost["events"]?.arrayValue ?? []
        let lostRuns = losses.compactMap { $0["payload"]?["run_id"]?.stringValue }
        #expect(losses.isEmpty, "RunWorkerLost recorded for \(losses.count) runs: \(lostRuns.prefix(5))")
        let (_, runs) = try workspace.json(["status", "--limit", "1000"])
        let statuses = (runs["runs"]?.arrayValue ?? []).compactMap { $0["status"]?.stringValue }
        #expect(statuses.count == keys.count)
        #expect(statuses.allSatisfy { $0 == "SUCCESS" }, "statuses: \(Set(statuses))")
    }
}
