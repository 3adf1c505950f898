import ArcoCore
import Foundation
import Testing

/// `--store` (before or after the command word), `ARCO_STORE` and `store: ${VAR}` in arco.yaml all
/// reach one PostgreSQL store, and nothing is written to `.arco/arco.db` meanwhile.
@Suite struct PostgresStoreSelectionEndToEndTests {
    static let assets = """
        assets:
          a: { command: '\(RunWorkspace.mark)' }
          b: { command: '\(RunWorkspace.mark)' }
          c: { command: '\(RunWorkspace.mark)' }
        """

    @Test("--store before and after the command word, ARCO_STORE and store: ${VAR} see each other's runs; no arco.db")
    func everySourceReachesOneStore() throws {
        let database = try PostgresEndToEnd.database("selection")
        let workspace = try RunWorkspace("version: 1\n" + Self.assets)
        let socket = database.socketURL
        // The same database by another road: TCP instead of the Unix socket.
        let tcp = database.tcpURL()
        let (flagBefore, runA) = try workspace.json(["--store", socket, "run", "a"])
        #expect(flagBefore == 0)
        let (flagAfter, runB) = try workspace.json(["run", "b", "--store", socket])
        #expect(flagAfter == 0)
        let viaEnvironment = try workspace.arco(["status", "--json"], environment: ["ARCO_STORE": tcp])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        let ids = [runA, runB].compactMap { $0["run_id"]?.stringValue }
        #expect(ids.count == 2)
        #expect(PostgresEndToEnd.runIDs(try JSONParser.parse(viaEnvironment.stdout)) == Set(ids))

        try workspace.folder.write("arco.yaml", "version: 1\nstore: ${ARCO_E2E_PG_URL}\n" + Self.assets)
        let fromFile = ["ARCO_E2E_PG_URL": tcp]
        let runC = try workspace.arco(["run", "c", "--json"], environment: fromFile)
        #expect(runC.status == 0, "\(runC.stderr)")
        let idC = try #require(try JSONParser.parse(runC.stdout)["run_id"]?.stringValue)
        let all = Set(ids + [idC])
        let listed = try workspace.arco(["status", "--json"], environment: fromFile)
        #expect(PostgresEndToEnd.runIDs(try JSONParser.parse(listed.stdout)) == all)
        #expect(PostgresEndToEnd.runIDs(try workspace.json(["status", "--store", socket]).value) == all)
        #expect(workspace.markers().sorted() == ["a", "b", "c"])
        #expect(!workspace.exists(".arco/arco.db"), "a PostgreSQL store wrote the SQLite file")

        for (arguments, environment, source) in [
            (["--store", socket], [String: String](), "--store"), ([], ["ARCO_STORE": tcp], "ARCO_STORE"),
            ([], fromFile, "store: in arco.yaml"),
        ] {
            let doctor = try workspace.arco(arguments + ["doctor", "--json"], environment: environment)
            #expect(doctor.status == 0, "\(source): \(doctor.stdout)\(doctor.stderr)")
            let detail = PostgresEndToEnd.doctorDetail(try JSONParser.parse(doctor.stdout), check: "store") ?? ""
            #expect(detail.hasPrefix("postgres"), "\(source): \(detail)")
            #expect(detail.hasSuffix("chosen by \(source)"), "\(source): \(detail)")
            #expect(detail.contains(database.name), "\(source): \(detail)")
        }
        #expect(!workspace.exists(".arco/arco.db"), "a PostgreSQL store wrote the SQLite file")
    }

    @Test("arco init with --store or ARCO_STORE creates the PostgreSQL schema and no arco.db", arguments: [true, false])
    func initWithStore(flag: Bool) throws {
        let database = try PostgresEndToEnd.database("selection_init")
        let folder = try TemporaryFolder()
        let url = database.socketURL
        let initialized = flag
            ? try ArcoBinary.run(["--store", url, "init"], in: folder.path)
            : try ArcoBinary.run(["init"], in: folder.path, environment: ["ARCO_STORE": url])
        #expect(initialized.status == 0, "\(initialized.stdout)\(initialized.stderr)")
        #expect(initialized.stdout.contains(database.name), "\(initialized.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.arco/arco.db"), "init wrote the SQLite file")
        let doctor = try ArcoBinary.run(["doctor", "--json"], in: folder.path, environment: ["ARCO_STORE": url])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.arco/arco.db"))
    }

    @Test("--store mysql://… is a usage error (64) with error: and hint: lines that never echo the password")
    func unknownScheme() throws {
        let workspace = try RunWorkspace("version: 1\n" + Self.assets)
        let result = try workspace.arco(["status", "--store", "mysql://arco:hunter2secret@db.example/x"])
        #expect(result.status == 64, "\(result.stdout)\(result.stderr)")
        let lines = PostgresEndToEnd.lines(result.stderr)
        #expect(lines.first?.hasPrefix("error: ") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("hint: ") }, "\(lines)")
        #expect(!(result.stdout + result.stderr).contains("hunter2secret"), "the password was echoed: \(result.stderr)")
        #expect(!workspace.exists(".arco/arco.db"))
    }

    @Test("store: ${VAR} with the variable unset is a data error (65) naming the variable")
    func unsetVariable() throws {
        let workspace = try RunWorkspace("version: 1\nstore: ${ARCO_E2E_NEVER_SET_42}\n" + Self.assets)
        let result = try workspace.arco(["status"])
        #expect(result.status == 65, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("ARCO_E2E_NEVER_SET_42"), "\(result.stderr)")
        #expect(PostgresEndToEnd.lines(result.stderr).contains { $0.hasPrefix("hint: ") }, "\(result.stderr)")
        #expect(!workspace.exists(".arco/arco.db"))
    }
}
