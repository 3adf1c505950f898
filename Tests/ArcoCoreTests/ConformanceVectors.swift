import Foundation
import Testing

/// The Dagster-generated vectors, read as one JSON object per line.
///
/// The suite reads the copy kept in the repository (`Tests/Fixtures/conformance/`), because a
/// user's clone has nothing beside it. The project's `shared/conformance/` folder, which the
/// copy was taken from, is compared with it only where that folder exists.
enum ConformanceVectors {
    /// The names of the vector files, in the copy and in the source folder alike.
    static let names = ["cron.jsonl", "partitions.jsonl"]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ArcoCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
    }

    /// The repository's copy of a vector file.
    static func url(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/conformance/\(name)")
    }

    /// The same file in `../shared/conformance/`, the folder the copy came from, when present.
    static func sourceURL(_ name: String) -> URL? {
        let url = packageRoot.appendingPathComponent("../shared/conformance/\(name)")
            .standardizedFileURL
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Every line of a vector file as a JSON object.
    static func objects(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}

@Suite("Conformance vectors kept in the repository")
struct ConformanceVectorsTests {
    @Test("the repository holds every vector file, each with cases", arguments: ConformanceVectors.names)
    func copyIsPresent(name: String) throws {
        let cases = try ConformanceVectors.objects(name)
        #expect(cases.count >= 50, "\(name) holds \(cases.count) cases")
    }

    @Test("the copy equals shared/conformance where that folder exists", arguments: ConformanceVectors.names)
    func copyMatchesSource(name: String) throws {
        // A user's clone has no shared/ beside it: there the copy is the only source, and this
        // comparison has nothing to compare against.
        guard let source = ConformanceVectors.sourceURL(name) else { return }
        let copy = try Data(contentsOf: ConformanceVectors.url(name))
        let original = try Data(contentsOf: source)
        #expect(copy == original, "Tests/Fixtures/conformance/\(name) differs from \(source.path); copy it again")
    }
}
