import ArcoStore
import Foundation
import Testing

/// The schema is an API: a migration must change the golden dump in the same commit.
/// Regenerate with `ARCO_UPDATE_GOLDEN=1 swift test --filter SchemaGoldenTests`.
@Suite struct SchemaGoldenTests {
    static let goldenPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/schema.sql").path

    @Test("the migrated schema equals the checked-in golden dump")
    func schemaMatchesGolden() throws {
        let temporary = try TemporaryStore()
        let dump = try temporary.store.schemaDump()
        if ProcessInfo.processInfo.environment["ARCO_UPDATE_GOLDEN"] == "1" {
            try dump.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        #expect(dump == golden, "schema changed: regenerate with ARCO_UPDATE_GOLDEN=1 and review the diff")
    }
}
