import ArcoCore
import Foundation
import Testing

/// A full disk through the real binary, on a real 4 MiB tmpfs (docs/adr/0016-full-disk.md).
@Suite("A full disk", .serialized)
struct DiskFullEndToEndTests {
    /// A step that fills the disk the store lives on, then fails with its own exit code.
    static let fillingWorkspace = """
        version: 1
        assets:
          filler: { command: 'dd if=/dev/zero of=filler bs=64k 2>/dev/null; exit 3' }
        """

    @Test("a step that fills the disk: the run waits, says so, and records exit code 3 once space is freed")
    func runOutlastsAFullDisk() throws {
        let disk = try SmallDisk()
        try String(Self.fillingWorkspace).write(toFile: disk.path + "/arco.yaml", atomically: true, encoding: .utf8)
        let run = try BackgroundArco(["run", "filler"], in: disk.path)
        // Then
        #expect(run.waitForStderr(containing: "waiting: the disk is full", seconds: 15), "\(run.stderr())")
        #expect(run.isRunning, "the run must wait for space, not exit: \(run.stderr())")
        disk.removeFiller()
        let status = run.wait(seconds: 15)
        #expect(status == 1, "the run failed because its step did: \(run.stderr())")
        try Self.expectRecorded(in: disk.path, step: "filler", exitCode: 3, runStatuses: ["FAILURE"])
        try Self.expectHealthy(disk)
    }

    @Test("SIGINT while waiting for space stops the steps; the run still records its outcome once space is freed")
    func interruptWhileWaiting() throws {
        let disk = try SmallDisk()
        // The sleeper outlives the wait unless the interrupt stops it: the run then ends in time.
        let yaml = Self.fillingWorkspace + "\n  sleeper: { command: 'exec sleep 60' }\n"
        try yaml.write(toFile: disk.path + "/arco.yaml", atomically: true, encoding: .utf8)
        let run = try BackgroundArco(["run", "filler", "sleeper", "--max-concurrency", "2"], in: disk.path)
        #expect(run.waitForStderr(containing: "waiting: the disk is full", seconds: 15), "\(run.stderr())")
        run.signal(SIGINT)
        usleep(500_000)
        #expect(run.isRunning, "an interrupted run still waits to record: \(run.stderr())")
        disk.removeFiller()
        let status = run.wait(seconds: 15)
        #expect(status == 1, "\(run.stderr())")
        try Self.expectRecorded(in: disk.path, step: "filler", exitCode: 3, runStatuses: ["CANCELED", "FAILURE"])
        try Self.expectHealthy(disk)
    }

    @Test("an import that fills the disk exits 74 saying so, and leaves no large -wal behind")
    func importOnAFullDisk() throws {
        let source = try TemporaryFolder()
        try source.write("arco.yaml", "version: 1\n")
        let filled = try ArcoBinary.run(["fill", source.path, "12000"], in: source.path, executable: ArcoBinary.bench)
        try #require(filled.status == 0, "\(filled.stderr)")
        let export = try ArcoBinary.run(["ledger", "export"], in: source.path)
        try #require(export.status == 0)
        let disk = try SmallDisk()
        try "version: 1\n".write(toFile: disk.path + "/arco.yaml", atomically: true, encoding: .utf8)
        // When
        let imported = try ArcoBinary.run(["ledger", "import", "-"], in: disk.path, input: export.stdout)
        // Then
        #expect(imported.status == 74, "\(imported.stderr)")
        #expect(imported.stderr.contains("is full"), "\(imported.stderr)")
        #expect(imported.stderr.contains("nothing acknowledged was lost"), "\(imported.stderr)")
        #expect(imported.stderr.contains("hint: free space"), "\(imported.stderr)")
        try Self.expectNoStrayFiles(disk)
        #expect(try ArcoBinary.run(["events", "--json"], in: disk.path).stdout == "{\"events\":[]}\n")
        try Self.expectHealthy(disk)
    }

    @Test("a rebuild that fills the disk exits 74 and gives the space of its scratch tables back")
    func rebuildOnAFullDisk() throws {
        let disk = try SmallDisk()
        try "version: 1\n".write(toFile: disk.path + "/arco.yaml", atomically: true, encoding: .utf8)
        let filled = try ArcoBinary.run(["fill", disk.path, "800"], in: disk.path, executable: ArcoBinary.bench)
        try #require(filled.status == 0, "\(filled.stderr)")
        try disk.fill(leaving: 256 * 1024)
        let before = disk.freeBytes()
        // When
        let rebuilt = try ArcoBinary.run(["rebuild"], in: disk.path)
        // Then
        #expect(rebuilt.status == 74, "\(rebuilt.stdout)\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("is full"), "\(rebuilt.stderr)")
        #expect(disk.freeBytes() >= before - 64 * 1024, "the rebuild kept \(before - disk.freeBytes()) bytes")
        try Self.expectNoStrayFiles(disk)
        try Self.expectHealthy(disk)
    }

    @Test("a command on a full disk whose store cannot grow its shared-memory index (an I/O error) says the disk is full, exit 74")
    func ioErrorOnAFullDisk() throws {
        let disk = try SmallDisk()
        try "version: 1\n".write(toFile: disk.path + "/arco.yaml", atomically: true, encoding: .utf8)
        let filled = try ArcoBinary.run(["fill", disk.path, "100"], in: disk.path, executable: ArcoBinary.bench)
        try #require(filled.status == 0, "\(filled.stderr)")
        // Given a store closed cleanly (no -shm), and a disk with no byte left
        try disk.fill()
        // When: opening must create the 32 KiB -shm, which SQLite reports as SQLITE_IOERR_SHMSIZE
        let status = try ArcoBinary.run(["status"], in: disk.path)
        // Then
        #expect(status.status == 74, "\(status.stderr)")
        #expect(status.stderr.contains("is full (disk I/O error)"), "\(status.stderr)")
        #expect(status.stderr.contains("hint: free space"), "\(status.stderr)")
        try Self.expectHealthy(disk)
    }

    // MARK: - Checks

    /// The run and its step are recorded with the step's real exit code, and nothing was reaped.
    static func expectRecorded(in path: String, step: String, exitCode: Int64, runStatuses: Set<String>) throws {
        let list = try JSONParser.parse(try ArcoBinary.run(["status", "--limit", "1", "--json"], in: path).stdout)
        let runID = try #require(list["runs"]?.arrayValue?.first?["run_id"]?.stringValue)
        let run = try JSONParser.parse(try ArcoBinary.run(["status", runID, "--json"], in: path).stdout)
        #expect(runStatuses.contains(run["status"]?.stringValue ?? ""), "\(run)")
        let filler = run["steps"]?.arrayValue?.first { $0["step_key"]?.stringValue == step }
        #expect(filler?["status"]?.stringValue == "FAILURE", "\(run)")
        #expect(filler?["exit_code"] == .int(exitCode), "\(run)")
        let lost = try JSONParser.parse(try ArcoBinary.run(["events", "--type", "RunWorkerLost", "--json"], in: path).stdout)
        #expect(lost["events"]?.arrayValue?.isEmpty == true, "\(lost)")
    }

    /// No `-wal` or scratch file holds on to space once arco has given up.
    static func expectNoStrayFiles(_ disk: SmallDisk) throws {
        for (name, size) in disk.files(in: ".arco") where name.hasSuffix("-wal") || name.contains(".rebuild-") {
            #expect(size <= 64 * 1024 && !name.contains(".rebuild-"), "stray \(name) of \(size) bytes")
        }
    }

    /// With the filler gone, `arco doctor` finds nothing wrong.
    static func expectHealthy(_ disk: SmallDisk) throws {
        disk.removeFiller()
        let doctor = try ArcoBinary.run(["doctor"], in: disk.path)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
    }
}
