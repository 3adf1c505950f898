import Foundation
import Testing

/// A mistyped or unknown command names itself as such, suggests the closest real command, and
/// never points the hint at the help of a command that does not exist (issue 17, item 2).
@Suite struct CommandTypoEndToEndTests {
    static func arco(_ arguments: [String]) throws -> ArcoBinary.Result {
        let folder = try TemporaryFolder()
        try folder.write("arco.yaml", "version: 1\n")
        return try ArcoBinary.run(arguments, in: folder.path)
    }

    @Test("a mistyped command suggests the real one, exit 64")
    func typo() throws {
        let result = try Self.arco(["statsu"])
        #expect(result.status == 64)
        #expect(result.stderr == "error: 'statsu' is not an arco command; did you mean 'status'?\nhint: see `arco status --help`\n")
    }

    @Test("a mistyped subcommand names its parent, and a global option before it changes nothing")
    func subcommandTypo() throws {
        let result = try Self.arco(["--workspace", ".", "backfill", "stauts", "bf-1"])
        #expect(result.status == 64)
        #expect(result.stderr == """
            error: 'arco backfill' has no command 'stauts'; did you mean 'status'?
            hint: see `arco backfill status --help`

            """)
    }

    @Test("a word close to no command lists the commands, never the help of the unknown word")
    func unknown() throws {
        let result = try Self.arco(["xyzzy", "--flag"])
        #expect(result.status == 64)
        #expect(result.stderr == "error: 'xyzzy' is not an arco command\nhint: list the commands: `arco --help`\n")
    }

    @Test("under --json the unknown command is one error object with the suggestion")
    func json() throws {
        let result = try Self.arco(["statsu", "--json"])
        #expect(result.status == 64)
        let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        let error = object?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "usage")
        #expect(error?["message"] as? String == "'statsu' is not an arco command; did you mean 'status'?")
        #expect(error?["hint"] as? String == "see `arco status --help`")
    }

    @Test("a bad option of a real command still points at that command's help; help itself works")
    func knownCommands() throws {
        let option = try Self.arco(["run", "--bogus", "x"])
        #expect(option.status == 64)
        #expect(option.stderr == "error: Unknown option '--bogus'\nhint: see `arco run --help`\n")
        let nested = try Self.arco(["partitions", "list", "--bogus"])
        #expect(nested.stderr.hasSuffix("hint: see `arco partitions list --help`\n"), "\(nested.stderr)")
        let help = try Self.arco(["help", "status"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: arco status"), "\(help.stdout)")
    }
}
