import Foundation
import Testing

/// The Dagster-generated vectors in `../shared/conformance/`, beside the package root (CI lays
/// `shared/` next to its clone), read as one JSON object per line.
enum ConformanceVectors {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // ArcoCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("../shared/conformance/\(name)")
            .standardizedFileURL
    }

    /// Every line of a vector file as a JSON object.
    static func objects(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}
