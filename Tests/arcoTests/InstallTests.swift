import Foundation
import Testing

/// `make install` puts a stripped binary, the man pages and the completions where `man` and
/// the shells look for them, under DESTDIR and PREFIX (issue 17, item 11). The test runs its
/// copying half on the binary the suite already built; `install` itself only adds the release
/// build in front.
@Suite struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func run(_ executable: String, _ arguments: [String]) throws -> ArcoBinary.Result {
        try ArcoBinary.run(arguments, in: repository, executable: executable)
    }

    @Test("make install-files puts every file where man and the shells find it, the binary stripped")
    func installsUnderDestdir() throws {
        let destination = try TemporaryFolder()
        let make = try Self.run(
            "/usr/bin/make", ["-s", "install-files", "BIN=\(ArcoBinary.arco)", "DESTDIR=\(destination.path)", "PREFIX=/usr"])
        #expect(make.status == 0, "\(make.stderr)")
        let root = destination.path + "/usr"
        let binary = root + "/bin/arco"
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        #expect(try Self.run(binary, ["--version"]).stdout == "0.1.0\n")
        let sections = try Self.run("/usr/bin/readelf", ["-S", binary]).stdout
        #expect(sections.contains(".text") && !sections.contains(".symtab"), "the installed binary keeps its symbol table")
        for page in try FileManager.default.contentsOfDirectory(atPath: Self.repository + "/man") {
            #expect(FileManager.default.fileExists(atPath: root + "/share/man/man1/" + page), "\(page)")
        }
        let found = try Self.run("/usr/bin/man", ["-M", root + "/share/man", "-w", "arco-run"])
        #expect(found.stdout == root + "/share/man/man1/arco-run.1\n", "\(found.stdout)\(found.stderr)")
        for completion in ["bash-completion/completions/arco", "zsh/site-functions/_arco", "fish/vendor_completions.d/arco.fish"] {
            #expect(FileManager.default.fileExists(atPath: root + "/share/" + completion), "\(completion)")
        }
    }

    @Test("install-files without BIN stops with a usage error and installs nothing")
    func needsBinary() throws {
        let destination = try TemporaryFolder()
        let make = try Self.run("/usr/bin/make", ["-s", "install-files", "DESTDIR=\(destination.path)"])
        #expect(make.status != 0)
        #expect(make.stderr.contains("error: BIN is not set"), "\(make.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }
}
