import ArcoCore
import Foundation
import Testing

/// The ledger through the real binary: events, export, import, rebuild, doctor, damage.
@Suite struct LedgerEndToEndTests {
    /// A workspace with `count` run requests appended through the store, as another arco would.
    static func filledWorkspace(_ count: Int = 5) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let keys = (0..<count).map { "run-\($0)" }
        let result = try ArcoBinary.run(["append-keys", folder.path] + keys, in: folder.path, executable: ArcoBinary.bench)
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    @Test("events lists every event in order, filters by type and run, and honours --limit")
    func events() throws {
        let folder = try Self.filledWorkspace(5)
        let all = try ArcoBinary.run(["events"], in: folder.path)
        #expect(all.status == 0)
        let lines = all.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("SEQ"))
        #expect(lines[1].hasPrefix("1 ") && lines[1].contains("RunRequested") && lines[1].contains("run:run-0"))
        let json = try JSONParser.parse(try ArcoBinary.run(["events", "--json", "--limit", "2", "--after", "1"], in: folder.path).stdout)
        let events = try #require(json["events"]?.arrayValue)
        #expect(events.map { $0["seq"] } == [2, 3])
        #expect(events.first?["payload"]?["run_id"] == "run-1")
        let byRun = try JSONParser.parse(try ArcoBinary.run(["events", "--json", "--run", "run-4"], in: folder.path).stdout)
        #expect(byRun["events"]?.arrayValue?.count == 1)
        let byType = try JSONParser.parse(try ArcoBinary.run(["events", "--json", "--type", "StepStarted"], in: folder.path).stdout)
        #expect(byType["events"]?.arrayValue?.isEmpty == true)
    }

    @Test("export then import into a fresh workspace gives identical JSON, a clean verify and a clean doctor")
    func exportImport() throws {
        let source = try Self.filledWorkspace(8)
        let export = try ArcoBinary.run(["ledger", "export"], in: source.path)
        #expect(export.status == 0)
        #expect(export.stdout.split(separator: "\n").count == 8)
        let target = try TemporaryFolder()
        try target.write("arco.yaml", "version: 1\n")
        let imported = try ArcoBinary.run(["ledger", "import", "-", "--json"], in: target.path, input: export.stdout)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "{\"imported\":8}\n")
        let sourceJSON = try ArcoBinary.run(["events", "--json"], in: source.path).stdout
        #expect(try ArcoBinary.run(["events", "--json"], in: target.path).stdout == sourceJSON)
        let verify = try ArcoBinary.run(["rebuild", "--verify", "--json"], in: target.path)
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("\"differences\":[]"))
        let doctor = try ArcoBinary.run(["doctor"], in: target.path)
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(!doctor.stdout.contains("FAIL"))
        let again = try ArcoBinary.run(["ledger", "import", "-"], in: target.path, input: export.stdout)
        #expect(again.status == 65)
        #expect(again.stderr.contains("already holds 8 events"))
    }

    @Test("an edited export is rejected with exit 65 and nothing is written")
    func tamperedImport() throws {
        let source = try Self.filledWorkspace(4)
        let export = try ArcoBinary.run(["ledger", "export"], in: source.path).stdout
        let tampered = export.replacingOccurrences(of: "\"run-2\"", with: "\"run-9\"")
        #expect(tampered != export)
        let target = try TemporaryFolder()
        try target.write("arco.yaml", "version: 1\n")
        let result = try ArcoBinary.run(["ledger", "import", "-"], in: target.path, input: tampered)
        #expect(result.status == 65)
        #expect(result.stderr.contains("hash chain"))
        #expect(try ArcoBinary.run(["events", "--json"], in: target.path).stdout == "{\"events\":[]}\n")
        let garbage = try ArcoBinary.run(["ledger", "import", "-"], in: target.path, input: "not json\n")
        #expect(garbage.status == 65)
        #expect(garbage.stderr.contains("line 1 of the export"))
    }

    @Test("an edited ledger row is detected by doctor (exit 74) and by rebuild --verify")
    func editedRow() throws {
        let folder = try Self.filledWorkspace(4)
        try SQLiteShell.execute(
            "UPDATE events SET payload = replace(payload, 'run-2', 'run-7') WHERE seq = 3",
            database: folder.path + "/.arco/arco.db")
        let doctor = try ArcoBinary.run(["doctor", "--json"], in: folder.path)
        #expect(doctor.status == 74)
        let report = try JSONParser.parse(doctor.stdout)
        let chain = report["checks"]?.arrayValue?.first { $0["name"] == "hash_chain" }
        #expect(chain?["status"] == "fail")
        #expect(chain?["detail"]?.stringValue?.contains("row 3") == true)
        let verify = try ArcoBinary.run(["rebuild", "--verify"], in: folder.path)
        #expect(verify.status == 74)
        #expect(verify.stderr.contains("hash chain is broken at row 3"))
    }

    @Test("damaged projections are reported by verify (exit 1) and repaired by rebuild")
    func damagedProjections() throws {
        let folder = try Self.filledWorkspace(3)
        try SQLiteShell.execute("DELETE FROM runs WHERE run_id = 'run-1'", database: folder.path + "/.arco/arco.db")
        let verify = try ArcoBinary.run(["rebuild", "--verify"], in: folder.path)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("runs: 0 live-only rows, 1 rebuilt-only rows"))
        #expect(try ArcoBinary.run(["doctor"], in: folder.path).status == 1)
        let rebuild = try ArcoBinary.run(["rebuild"], in: folder.path)
        #expect(rebuild.status == 0)
        #expect(try ArcoBinary.run(["rebuild", "--verify"], in: folder.path).status == 0)
    }

    @Test("a deleted last event is reported by doctor (74) and rebuild refuses to hide it")
    func deletedLastEvent() throws {
        let folder = try Self.filledWorkspace(3)
        try SQLiteShell.execute("DELETE FROM events WHERE seq = 3", database: folder.path + "/.arco/arco.db")
        let doctor = try ArcoBinary.run(["doctor"], in: folder.path)
        #expect(doctor.status == 74)
        #expect(doctor.stdout.contains("acknowledged events are missing"))
        let rebuild = try ArcoBinary.run(["rebuild"], in: folder.path)
        #expect(rebuild.status == 74)
        #expect(rebuild.stderr.contains("hint: restore the ledger from an export"))
    }

    @Test("an edited last row is never linked onto: the next append exits 74 and appends nothing")
    func editedTipRefusesAppends() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\npartitions:\n  customers: { type: dynamic }\n")
        #expect(try ArcoBinary.run(["partitions", "add", "customers", "acme"], in: folder.path).status == 0)
        let database = folder.path + "/.arco/arco.db"
        try SQLiteShell.execute(
            "UPDATE events SET payload = replace(payload, 'acme', 'evil') WHERE seq = (SELECT max(seq) FROM events)",
            database: database)
        let before = try ArcoBinary.run(["ledger", "tip"], in: folder.path).stdout
        let append = try ArcoBinary.run(["partitions", "add", "customers", "globex"], in: folder.path)
        #expect(append.status == 74, "\(append.stderr)")
        #expect(append.stderr.contains("hash chain is broken at row 1"), "\(append.stderr)")
        #expect(append.stderr.contains("hint: "))
        #expect(try ArcoBinary.run(["ledger", "tip"], in: folder.path).stdout == before)
    }

    @Test("ledger tip prints SEQ:HASH; doctor --expect-tip passes while the ledger reaches it and exits 74 after a hidden truncation")
    func expectedTip() throws {
        let folder = try Self.filledWorkspace(3)
        let tip = try ArcoBinary.run(["ledger", "tip"], in: folder.path)
        #expect(tip.status == 0)
        let anchor = tip.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(anchor.hasPrefix("3:") && anchor.count == 2 + 64, "\(anchor)")
        let json = try JSONParser.parse(try ArcoBinary.run(["ledger", "tip", "--json"], in: folder.path).stdout)
        #expect(json["seq"] == .int(3))
        #expect(json["tip"]?.stringValue == anchor)
        #expect(try ArcoBinary.run(["doctor", "--expect-tip", anchor], in: folder.path).status == 0)
        // More events later still reach the anchor.
        #expect(try ArcoBinary.run(["append-keys", folder.path, "run-9"], in: folder.path, executable: ArcoBinary.bench).status == 0)
        let later = try ArcoBinary.run(["doctor", "--expect-tip", anchor], in: folder.path)
        #expect(later.status == 0, "\(later.stdout)")

        // Remove the last two events and make the meta row agree: the chain alone cannot tell.
        let database = folder.path + "/.arco/arco.db"
        try SQLiteShell.execute("DELETE FROM events WHERE seq >= 3", database: database)
        try SQLiteShell.execute(
            "UPDATE projection_meta SET applied_seq = 2, applied_hash = (SELECT hash FROM events WHERE seq = 2)",
            database: database)
        #expect(try ArcoBinary.run(["doctor"], in: folder.path).status != 74)
        let anchored = try ArcoBinary.run(["doctor", "--expect-tip", anchor, "--json"], in: folder.path)
        #expect(anchored.status == 74)
        let report = try JSONParser.parse(anchored.stdout)
        let check = report["checks"]?.arrayValue?.first { $0["name"] == "expected_tip" }
        #expect(check?["status"] == "fail")
        #expect(check?["detail"]?.stringValue?.contains("ends at row 2, before the expected tip 3") == true)

        // A rebuild makes the shortened store look clean, and another row 3 then takes the
        // anchored one's place: the anchor still tells.
        #expect(try ArcoBinary.run(["rebuild"], in: folder.path).status == 0)
        #expect(try ArcoBinary.run(["append-keys", folder.path, "run-other"], in: folder.path, executable: ArcoBinary.bench).status == 0)
        let rewritten = try ArcoBinary.run(["doctor", "--expect-tip", anchor], in: folder.path)
        #expect(rewritten.status == 74)
        #expect(rewritten.stdout.contains("row 3 has hash"))

        let malformed = try ArcoBinary.run(["doctor", "--expect-tip", "3:abc"], in: folder.path)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("not a ledger tip"))
    }

    @Test("a projection row with an unknown status exits 74 naming it, never read as another status; rebuild repairs it")
    func unknownProjectionValue() throws {
        let folder = try Self.filledWorkspace(2)
        let database = folder.path + "/.arco/arco.db"
        try SQLiteShell.execute("UPDATE runs SET status = 'BOGUS' WHERE run_id = 'run-1'", database: database)
        let status = try ArcoBinary.run(["status"], in: folder.path)
        #expect(status.status == 74, "\(status.stdout)\(status.stderr)")
        #expect(status.stderr.contains("the projection table 'runs' holds an unknown status 'BOGUS'"), "\(status.stderr)")
        #expect(status.stderr.contains("hint: rebuild them from the ledger with `arco rebuild`"))
        #expect(try ArcoBinary.run(["rebuild"], in: folder.path).status == 0)
        let repaired = try ArcoBinary.run(["status", "--json"], in: folder.path)
        #expect(repaired.status == 0)
        #expect(!repaired.stdout.contains("BOGUS"))
    }

    @Test("importing a directory or an unreadable path fails instead of importing nothing")
    func importReadErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let directory = try ArcoBinary.run(["ledger", "import", folder.path], in: folder.path)
        #expect(directory.status == 74)
        #expect(directory.stderr.contains("Is a directory"))
    }

    @Test("import while another process holds the write lock exits 75")
    func importBusy() throws {
        let source = try Self.filledWorkspace(2)
        let export = try ArcoBinary.run(["ledger", "export"], in: source.path).stdout
        let target = try TemporaryFolder()
        try target.write("arco.yaml", "version: 1\n")
        #expect(try ArcoBinary.run(["events"], in: target.path).status == 0)
        let holder = try SQLiteShell.holdWriteLock(database: target.path + "/.arco/arco.db", seconds: 4)
        defer { holder.terminate() }
        let result = try ArcoBinary.run(
            ["ledger", "import", "-"], in: target.path, environment: ["ARCO_BUSY_TIMEOUT_MS": "300"], input: export)
        #expect(result.status == 75)
    }

    @Test("a corrupt database file exits 74 with a hint, never a raw SQLite message")
    func corruptStore() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        try folder.write(".arco/arco.db", String(repeating: "garbage ", count: 1000))
        let result = try ArcoBinary.run(["events"], in: folder.path)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("error: the store"))
        #expect(result.stderr.contains("is corrupt"))
        #expect(result.stderr.contains("hint: "))
    }

    @Test("a store locked by another writer past the timeout exits 75, safe to retry")
    func lockedStore() throws {
        let folder = try Self.filledWorkspace(1)
        let holder = try SQLiteShell.holdWriteLock(database: folder.path + "/.arco/arco.db", seconds: 4)
        defer { holder.terminate() }
        let result = try ArcoBinary.run(["rebuild"], in: folder.path, environment: ["ARCO_BUSY_TIMEOUT_MS": "300"])
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.contains("is busy"))
        #expect(!result.stderr.contains("database is locked"))
        #expect(result.stderr.contains("hint: retry"))
    }
}

/// Direct SQLite access from tests through python3's sqlite3 module (a Debian base tool), to
/// damage stores and hold locks the way another program would.
enum SQLiteShell {
    static func execute(_ sql: String, database: String) throws {
        let script = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nc.execute(sys.argv[2])\nc.commit()\n"
        let result = try ArcoBinary.run(["-c", script, database, sql], in: "/", executable: "/usr/bin/python3")
        guard result.status == 0 else { throw ShellError(message: result.stderr) }
    }

    /// Starts a process holding `BEGIN IMMEDIATE` on the database; returns once the lock is held.
    static func holdWriteLock(database: String, seconds: Int) throws -> Process {
        let script = """
            import sqlite3,sys,time
            c=sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            time.sleep(float(sys.argv[2]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, database, String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("locked") else { throw ShellError(message: "no lock") }
        return process
    }

    struct ShellError: Error { let message: String }
}
