import Foundation
import Testing

/// The two source rules `make test` enforces (issue 16): no target imports a module it does not
/// declare, and no function, initializer, accessor or closure body runs past 100 lines. Each
/// check is run on this repository, which must pass, and on a small package that breaks it,
/// which must fail: a check that cannot fail would hold nothing.
@Suite struct SourceRulesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Runs one of the repository's check scripts on `root`.
    static func check(_ script: String, _ arguments: [String]) throws -> ArcoBinary.Result {
        try ArcoBinary.run(
            [repository + "/scripts/" + script] + arguments, in: repository, executable: "/usr/bin/python3")
    }

    /// A package with targets Core <- Store <- CLI, where CLI declares only Store.
    static func package(cliImports: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Package.swift", """
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(name: "p", targets: [
                .target(name: "Core"),
                .target(name: "Store", dependencies: ["Core"]),
                .target(name: "CLI", dependencies: ["Store"]),
            ])
            """)
        try folder.write("Sources/Core/Core.swift", "public struct Core {}\n")
        try folder.write("Sources/Store/Store.swift", "import Core\npublic struct Store {}\n")
        try folder.write("Sources/CLI/CLI.swift", cliImports + "\nstruct CLI {}\n")
        return folder
    }

    @Test("the repository declares every module it imports")
    func repositoryImports() throws {
        let result = try Self.check("check-imports.py", [])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("an import reached only through another target's dependencies fails the import check")
    func undeclaredImport() throws {
        let declared = try Self.package(cliImports: "import Store\nimport Foundation")
        let declaredResult = try Self.check("check-imports.py", [declared.path])
        #expect(declaredResult.status == 0, "\(declaredResult.stderr)")

        let undeclared = try Self.package(cliImports: "import Store\nimport Core")
        let result = try Self.check("check-imports.py", [undeclared.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Sources/CLI/CLI.swift:2: 'CLI' imports 'Core'"), "\(result.stderr)")
    }

    @Test("no body in Sources or Tests runs past 100 lines")
    func repositoryBodies() throws {
        let result = try Self.check("check-body-length.py", [])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A file with one function of `lines` lines whose body holds braces in strings, comments,
    /// raw strings and interpolations, which must not be counted as bodies of their own.
    static func function(lines: Int) -> String {
        let tricky = [
            #"    let a = "}\(["{"].count)""#,
            ##"    let b = #"{ \(" }"#"##,
            "    /* { /* nested } */ */",
            "    // }",
            "    let c = [1].map { $0 + 1 }",
        ]
        let filler = Array(repeating: "    _ = 0", count: lines - 2 - tricky.count)
        return (["func long() {"] + tricky + filler + ["}"]).joined(separator: "\n") + "\n"
    }

    @Test("a body of 101 lines fails the length check, 100 lines and a long type body pass")
    func bodyLength() throws {
        let folder = try TemporaryFolder()
        try folder.write("Sources/A/Fits.swift", Self.function(lines: 100))
        let typeBody = "struct Long {\n" + (0..<150).map { "    var v\($0) = 0" }.joined(separator: "\n") + "\n}\n"
        try folder.write("Sources/A/Type.swift", typeBody)
        let fits = try Self.check("check-body-length.py", [folder.path])
        #expect(fits.status == 0, "\(fits.stderr)")

        try folder.write("Sources/A/Long.swift", Self.function(lines: 101))
        let long = try Self.check("check-body-length.py", [folder.path])
        #expect(long.status == 1)
        #expect(long.stderr.contains("Sources/A/Long.swift:1: 101 lines (limit 100)"), "\(long.stderr)")
    }

    @Test("a file the length check cannot scan fails it instead of passing unread")
    func unscannable() throws {
        let folder = try TemporaryFolder()
        try folder.write("Tests/T/Open.swift", "func open() {\n    let s = \"}\n")
        let result = try Self.check("check-body-length.py", [folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Tests/T/Open.swift: cannot scan"), "\(result.stderr)")
    }
}
