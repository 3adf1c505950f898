import Foundation
import Testing

/// The example workspace's poll sensor speaks the protocol arco reads: a file dropped in its
/// inbox becomes one run of that day, and the next evaluation finds nothing new.
@Suite struct QuickstartSensorEndToEndTests {
    @Test("inbox_files: a dropped file gives one TRIGGERED evaluation with its day, then nothing")
    func inboxFiles() throws {
        let folder = try TemporaryFolder()
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/quickstart").path
        let workspace = folder.path + "/quickstart"
        try FileManager.default.copyItem(atPath: example, toPath: workspace)
        try? FileManager.default.removeItem(atPath: workspace + "/.arco")
        try FileManager.default.createDirectory(atPath: workspace + "/inbox", withIntermediateDirectories: true)
        try "order_id,amount\n1,2.50\n".write(toFile: workspace + "/inbox/orders-2024-01-03.csv", atomically: true, encoding: .utf8)
        #expect(try ArcoBinary.run(["sensor", "start", "inbox_files"], in: workspace).status == 0)
        let first = try ArcoBinary.run(["sensor", "eval", "inbox_files", "--no-launch", "--json"], in: workspace)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let evaluation = try #require(
            (try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])?["evaluations"] as? [[String: Any]])
        #expect(evaluation.first?["status"] as? String == "TRIGGERED", "\(first.stdout)")
        let requests = evaluation.first?["run_requests"] as? [[String: Any]] ?? []
        #expect(requests.count == 1 && (requests.first?["run_key"] as? String)?.hasPrefix("sensor:inbox_files:inbox:orders-2024-01-03.csv:") == true,
            "\(first.stdout)")
        Thread.sleep(forTimeInterval: 1.1)
        let again = try ArcoBinary.run(["sensor", "eval", "inbox_files", "--force", "--no-launch"], in: workspace)
        #expect(again.status == 0 && again.stdout.contains("SKIPPED") && again.stdout.contains("no new files"), "\(again.stdout)")
    }
}
