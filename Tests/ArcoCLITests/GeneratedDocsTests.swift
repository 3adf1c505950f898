import ArcoCLI
import Foundation
import Testing

/// man/, completions/ and docs/cli.md are generated from the command tree. This fails when the
/// checked-in copies are stale; `make docs` (ARCO_UPDATE_GOLDEN=1) rewrites them.
@Suite struct GeneratedDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("checked-in man pages, completions and docs/cli.md match the command tree")
    func upToDate() throws {
        let files = try ReferenceGenerator.files()
        let update = ProcessInfo.processInfo.environment["ARCO_UPDATE_GOLDEN"] == "1"
        let manFolder = Self.root.appendingPathComponent("man")
        let existingPages = (try? FileManager.default.contentsOfDirectory(atPath: manFolder.path)) ?? []
        let stalePages = existingPages.filter { files["man/\($0)"] == nil }
        if update {
            for (path, content) in files {
                let url = Self.root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try content.write(to: url, atomically: true, encoding: .utf8)
            }
            for page in stalePages { try FileManager.default.removeItem(at: manFolder.appendingPathComponent(page)) }
            return
        }
        #expect(stalePages.isEmpty, "man pages for commands that no longer exist: \(stalePages); run `make docs`")
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let onDisk = try? String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            #expect(onDisk == content, "\(path) is stale; run `make docs` and commit the result")
        }
    }

    @Test("every command is documented, with a page per command")
    func coversCommands() throws {
        let files = try ReferenceGenerator.files()
        for page in ["arco.1", "arco-init.1", "arco-validate.1", "arco-events.1", "arco-rebuild.1", "arco-doctor.1",
                     "arco-ledger.1", "arco-ledger-export.1", "arco-ledger-import.1", "arco-partitions-list.1",
                     "arco-partitions-add.1", "arco-partitions-remove.1", "arco-partitions-show.1"] {
            #expect(files["man/\(page)"] != nil, "\(page)")
        }
        let manual = try #require(files["man/arco.1"])
        #expect(manual.contains(".Sh EXIT STATUS"))
        #expect(manual.contains(".It 75"))
        #expect(files["docs/cli.md"]?.contains("## `arco ledger import`") == true)
        #expect(files["completions/arco.bash"]?.contains("ledger") == true)
    }
}
