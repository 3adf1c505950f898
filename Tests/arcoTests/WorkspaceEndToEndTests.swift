import ArcoCore
import Foundation
import Testing

/// `arco init`, workspace discovery and first-use creation, on the real binary.
@Suite struct WorkspaceEndToEndTests {
    @Test("init writes a valid commented arco.yaml and an owner-only store")
    func initCreatesWorkspace() throws {
        let folder = try TemporaryFolder()
        let result = try ArcoBinary.run(["init", "shop"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let root = folder.path + "/shop"
        let yaml = try String(contentsOfFile: root + "/arco.yaml", encoding: .utf8)
        #expect(yaml.contains("# arco workspace definitions"))
        let stateMode = try FileManager.default.attributesOfItem(atPath: root + "/.arco")[.posixPermissions] as? Int
        let dbMode = try FileManager.default.attributesOfItem(atPath: root + "/.arco/arco.db")[.posixPermissions] as? Int
        #expect(stateMode == 0o700)
        #expect(dbMode == 0o600)
        let validate = try ArcoBinary.run(["validate"], in: root)
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("2 assets"))
    }

    @Test("init keeps an existing arco.yaml")
    func initKeepsDefinitions() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let result = try ArcoBinary.run(["init"], in: folder.path)
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: folder.path + "/arco.yaml", encoding: .utf8) == "version: 1\n")
    }

    @Test("init refuses an arco.yaml that is a folder: exit 65 with a hint")
    func initRefusesFolderDefinitions() throws {
        let folder = try TemporaryFolder()
        _ = try folder.subfolder("shop/arco.yaml")
        let result = try ArcoBinary.run(["init", "shop"], in: folder.path)
        #expect(result.status == 65, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("error: '\(folder.path)/shop/arco.yaml' is a folder, not the definitions file"))
        #expect(result.stderr.contains("hint: move it away with `mv "))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/shop/.arco"))
    }

    @Test("a folder holding only arco.yaml is a working workspace, found from a subfolder")
    func firstUseCreatesStore() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let nested = try folder.subfolder("a/b/c")
        let result = try ArcoBinary.run(["events", "--json"], in: nested)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "{\"events\":[]}\n")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.arco/arco.db"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path + "/.arco")[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test("--workspace and ARCO_WORKSPACE override discovery")
    func overrides() throws {
        let folder = try TemporaryFolder()
        let workspace = try folder.subfolder("ws")
        try folder.write("ws/arco.yaml", "version: 1\n")
        let elsewhere = try folder.subfolder("elsewhere")
        #expect(try ArcoBinary.run(["--workspace", workspace, "validate"], in: elsewhere).status == 0)
        #expect(try ArcoBinary.run(["validate", "--workspace", workspace], in: elsewhere).status == 0)
        #expect(try ArcoBinary.run(["validate"], in: elsewhere, environment: ["ARCO_WORKSPACE": workspace]).status == 0)
    }

    @Test("outside any workspace: exit 66 with a hint to run arco init")
    func outsideWorkspace() throws {
        let folder = try TemporaryFolder()
        let result = try ArcoBinary.run(["events"], in: folder.path)
        #expect(result.status == 66)
        #expect(result.stderr.contains("error: not inside an arco workspace"))
        #expect(result.stderr.contains("hint: create one with `arco init`"))
        let json = try ArcoBinary.run(["events", "--json"], in: folder.path)
        let error = try JSONParser.parse(json.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(error["error"]?["status"] == 66)
        #expect(error["error"]?["code"] == "not_found")
        #expect(json.stdout.isEmpty)
    }
}
