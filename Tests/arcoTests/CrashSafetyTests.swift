import ArcoCore
import Foundation
import Testing

/// Kill -9 at random moments while a process appends, then prove nothing acknowledged was lost
/// and the store is consistent (ARCHITECTURE §9).
@Suite(.serialized) struct CrashSafetyTests {
    @Test("SIGKILL mid-append loses no acknowledged event and leaves a consistent store")
    func killDuringAppend() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        var acknowledged = [String]()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let keys = try appendThenKill(folder.path, prefix: "round\(round)", afterMilliseconds: Int.random(in: 40...400, using: &generator))
            acknowledged += keys
        }
        #expect(acknowledged.count > 6, "the appender never acknowledged anything")
        let listed = try ArcoBinary.run(["events", "--json"], in: folder.path)
        #expect(listed.status == 0, "\(listed.stderr)")
        let events = try #require(try JSONParser.parse(listed.stdout)["events"]?.arrayValue)
        let stored = Set(events.compactMap { $0["idempotency_key"]?.stringValue })
        let missing = acknowledged.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        #expect(events.map { $0["seq"]?.intValue ?? 0 } == Array(1...Int64(events.count)))

        let doctor = try ArcoBinary.run(["doctor"], in: folder.path)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        let verify = try ArcoBinary.run(["rebuild", "--verify"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)")

        let more = try ArcoBinary.run(["append-keys", folder.path, "after-crash"], in: folder.path, executable: ArcoBinary.bench)
        #expect(more.status == 0)
        #expect(more.stdout == "1\n")
    }

    @Test("SIGKILL mid-rebuild leaves the live projections intact, and the next rebuild cleans up")
    func killDuringRebuild() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let fill = try ArcoBinary.run(["fill", folder.path, "20000"], in: folder.path, executable: ArcoBinary.bench)
        #expect(fill.status == 0, "\(fill.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ArcoBinary.arco)
        process.arguments = ["--workspace", folder.path, "rebuild"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // A debug rebuild of 20,000 events takes about a second: the kill lands mid-fold.
        #expect(process.terminationReason == .uncaughtSignal, "the rebuild finished before the kill")
        let verify = try ArcoBinary.run(["rebuild", "--verify"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/.arco")
            .filter { $0.contains(".rebuild-") }
        #expect(leftovers.isEmpty, "scratch files left after the next rebuild: \(leftovers)")
        #expect(try ArcoBinary.run(["doctor"], in: folder.path).status == 0)
    }

    /// Runs the appender, kills it with SIGKILL after a delay, returns the keys it acknowledged.
    private func appendThenKill(_ workspace: String, prefix: String, afterMilliseconds: Int) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ArcoBinary.bench)
        process.arguments = ["append-loop", workspace, prefix]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(afterMilliseconds * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // A line cut by the kill was never fully acknowledged; keep only complete lines.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !text.hasSuffix("\n") { lines.removeLast() }
        return lines.filter { !$0.isEmpty }
    }
}

/// Several processes append overlapping keys at once: each key lands exactly once and no process
/// fails with a lock error.
@Suite struct ConcurrencyTests {
    @Test("concurrent appenders with overlapping idempotency keys: every key exactly once, no lock errors")
    func overlappingKeys() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let keys = (0..<60).map { "shared-\($0)" }
        var processes = [(Process, Pipe, Pipe)]()
        for worker in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ArcoBinary.bench)
            // Each worker takes the shared keys in a different order, plus a few of its own.
            let mine = (0..<5).map { "own-\(worker)-\($0)" }
            let order = worker % 2 == 0 ? keys : keys.reversed()
            process.arguments = ["append-keys", folder.path] + order + mine
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            processes.append((process, out, err))
        }
        for (process, _, _) in processes { try process.run() }
        var appended = 0
        for (process, out, err) in processes {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stderr)")
            #expect(!stderr.contains("locked"))
            appended += Int(stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1000
        }
        let listed = try ArcoBinary.run(["events", "--json"], in: folder.path)
        let events = try #require(try JSONParser.parse(listed.stdout)["events"]?.arrayValue)
        let stored = events.compactMap { $0["idempotency_key"]?.stringValue }
        #expect(stored.count == 60 + 20)
        #expect(Set(stored).count == stored.count)
        #expect(appended == 80)
        #expect(try ArcoBinary.run(["rebuild", "--verify"], in: folder.path).status == 0)
    }
}
