import ArcoCore
import Foundation
import Testing

/// One test per exit code family not covered elsewhere, and the documentation of every code.
@Suite struct ExitCodeTests {
    @Test("usage errors exit 64")
    func usage() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        #expect(try ArcoBinary.run(["no-such-command"], in: folder.path).status == 64)
        let negative = try ArcoBinary.run(["events", "--limit", "-1"], in: folder.path)
        #expect(negative.status == 64)
        #expect(negative.stderr.contains("--limit must be 0 or more"))
        let json = try ArcoBinary.run(["events", "--json", "--bogus"], in: folder.path)
        #expect(json.status == 64)
        let error = try JSONParser.parse(json.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(error["error"]?["code"] == "usage")
        #expect(error["error"]?["message"] == "Unknown option '--bogus'")
        #expect(try ArcoBinary.run(["events", "--limit", "many"], in: folder.path).status == 64)
    }

    @Test("--version and --help exit 0")
    func versionAndHelp() throws {
        let folder = try TemporaryFolder()
        let version = try ArcoBinary.run(["--version"], in: folder.path)
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        #expect(try ArcoBinary.run(["--help"], in: folder.path).stdout.contains("EXIT STATUS"))
    }

    @Test("a missing import file exits 66")
    func notFound() throws {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        let result = try ArcoBinary.run(["ledger", "import", "nope.jsonl"], in: folder.path)
        #expect(result.status == 66)
        #expect(result.stderr.contains("cannot read 'nope.jsonl'"))
    }

    @Test("docs/exit-codes.md documents every exit status")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/exit-codes.md"), encoding: .utf8)
        for status in ExitStatus.allCases {
            #expect(doc.contains("| \(status.rawValue) | `\(status.description)` |"), "\(status)")
        }
    }
}
