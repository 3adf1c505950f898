import ArcoCore
import Foundation
import Testing

/// Symbolic links and permissions in `.arco/`, on the real binary: a workspace cloned from
/// someone else's repository must not make arco write outside it (ADR 0013).
@Suite struct StateFolderEndToEndTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    static func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("a planted attempt log link fails that attempt and a planted pid link is not followed: nothing outside is written")
    func plantedFileLinks() throws {
        let outside = try TemporaryFolder()
        try outside.write("victim.log", "original\n")
        // Attempt 1 plants links for attempt 2 in its own log folder, then fails to get a retry.
        let plant = { (file: String, target: String) in
            #"d=$(dirname "$ARCO_REPORT"); if [ "$ARCO_ATTEMPT" = 1 ]; then ln -s '\#(outside.path)/\#(target)' "$d/\#(file)"; exit 3; fi; echo second"#
        }
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              log_link:
                retries: 1
                command: |
                  \(plant("attempt-2.log", "victim.log"))
              pid_link:
                retries: 1
                command: |
                  \(plant("attempt-2.pid", "created.pid"))
              hard_link:
                retries: 1
                command: |
                  \(plant("attempt-2.log", "victim.log").replacingOccurrences(of: "ln -s", with: "ln"))
            """)
        let (status, run) = try workspace.json(["run", "log_link", "pid_link", "hard_link"])
        #expect(status == 1)
        #expect(run.stepStatuses == ["log_link": "FAILURE", "pid_link": "SUCCESS", "hard_link": "FAILURE"])
        let failed = run["steps"]?.arrayValue?.first { $0["step_key"]?.stringValue == "log_link" }
        #expect(failed?["error"]?.stringValue?.contains("is a symbolic link") == true, "\(failed?["error"] ?? nil)")
        #expect(try String(contentsOfFile: outside.path + "/victim.log", encoding: .utf8) == "original\n")
        #expect(Self.contents(outside.path) == ["victim.log"], "no pid file created through the link")
    }

    @Test("arco logs refuses a log reached through a link (exit 74) and prints nothing of its target")
    func logsRefusesLinkedLog() throws {
        let outside = try TemporaryFolder()
        let workspace = try RunWorkspace("version: 1\nassets:\n  a: { command: 'echo mine' }\n")
        let (_, run) = try workspace.json(["run", "a"])
        let runID = try #require(run["run_id"]?.stringValue)
        try outside.write("a/attempt-1.log", "secret\n")
        let runFolder = workspace.path + "/.arco/logs/" + runID
        try FileManager.default.removeItem(atPath: runFolder)
        try FileManager.default.createSymbolicLink(atPath: runFolder, withDestinationPath: outside.path)
        let result = try workspace.arco(["logs", runID])
        #expect(result.status == 74, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("secret"))
        #expect(result.stderr.contains("error: '\(runFolder)' is a symbolic link to '\(outside.path)'"))
    }

    @Test("a symbolic link at .arco/logs, or beside the database, is refused with exit 74 and nothing is created at its target")
    func linkedSubfolderRefused() throws {
        let outside = try TemporaryFolder()
        let workspace = try RunWorkspace("version: 1\nassets:\n  a: { command: 'echo a' }\n")
        try FileManager.default.createDirectory(atPath: workspace.path + "/.arco", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/.arco/logs", withDestinationPath: outside.path)
        for command in [["run", "a"], ["status"]] {
            let result = try workspace.arco(command)
            #expect(result.status == 74, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("error: '\(workspace.path)/.arco/logs' is a symbolic link to '\(outside.path)'"))
            #expect(result.stderr.contains("hint: remove the link with `rm '\(workspace.path)/.arco/logs'`"))
        }
        #expect(Self.contents(outside.path).isEmpty)

        try FileManager.default.removeItem(atPath: workspace.path + "/.arco/logs")
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path + "/.arco/arco.db-wal", withDestinationPath: outside.path + "/wal")
        let wal = try workspace.arco(["status"])
        #expect(wal.status == 74, "\(wal.stderr)")
        #expect(wal.stderr.contains("arco.db-wal' is a symbolic link"))
        #expect(Self.contents(outside.path).isEmpty, "SQLite did not create the link's target")
    }

    @Test("a symbolic-link .arco is followed only when ARCO_STATE_DIR names its target, which is never chmod-ed; doctor says where it points")
    func linkedStateFolder() throws {
        let outside = try TemporaryFolder()
        chmod(outside.path, 0o755)
        let workspace = try RunWorkspace("version: 1\nassets:\n  a: { command: 'echo a' }\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/.arco", withDestinationPath: outside.path)

        let refused = try workspace.arco(["run", "a"])
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("error: '\(workspace.path)/.arco' is a symbolic link to '\(outside.path)'"))
        #expect(refused.stderr.contains("hint: if you moved the state there yourself, allow it with `export ARCO_STATE_DIR="))
        #expect(Self.contents(outside.path).isEmpty)
        #expect(Self.mode(outside.path) == 0o755, "the link's target is never chmod-ed")
        let doctor = try workspace.json(["doctor"])
        #expect(doctor.status == 74)
        let check = doctor.value["checks"]?.arrayValue?.first { $0["name"]?.stringValue == "state_folder" }
        #expect(check?["status"]?.stringValue == "fail")
        #expect(check?["detail"]?.stringValue?.contains("symbolic link to '\(outside.path)'") == true)

        let allowed = ["ARCO_STATE_DIR": outside.path]
        let run = try workspace.arco(["run", "a"], environment: allowed)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: outside.path + "/arco.db"))
        #expect(Self.mode(outside.path) == 0o755, "followed, still not chmod-ed")
        let text = try workspace.arco(["doctor"], environment: allowed)
        #expect(text.status == 0, "\(text.stdout)")
        #expect(text.stdout.contains("state_folder: '\(workspace.path)/.arco' is a symbolic link to '\(outside.path)'"))

        // A target others may write to is refused even when named.
        chmod(outside.path, 0o777)
        let open = try workspace.arco(["status"], environment: allowed)
        #expect(open.status == 74)
        #expect(open.stderr.contains("is writable by its group or by others"))
        #expect(Self.mode(outside.path) == 0o777)
    }

    @Test("a database looser than 0600 is tightened to 0600 when opened")
    func databaseTightened() throws {
        let workspace = try RunWorkspace("version: 1\n")
        #expect(try workspace.arco(["init"]).status == 0)
        let database = workspace.path + "/.arco/arco.db"
        chmod(database, 0o644)
        let status = try workspace.arco(["status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(Self.mode(database) == 0o600)
        for companion in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: database + companion) {
            #expect(Self.mode(database + companion) == 0o600, "\(companion)")
        }
    }
}
