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

    @Test("every generated man page renders with groff without warnings or a stray macro in the text")
    func manPagesRender() throws {
        let folder = NSTemporaryDirectory() + "arco-man-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A macro name at the start of a word in the rendered text is one groff printed instead
        // of obeying (a `.Pp` escaped as text).
        let stray = try Regex(#"(^|\s)\.(Pp|Sh|Ss|It|Bl|El|Nm|Nd|Xr|Li|Ev|Cm|Dd|Dt|Os)\b"#)
        for (path, content) in try ReferenceGenerator.files() where path.hasPrefix("man/") {
            let file = folder + "/" + path.dropFirst(4)
            try content.write(toFile: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
            // -k runs preconv (as man does) for the UTF-8 text; -ww turns on every warning.
            process.arguments = ["-k", "-mandoc", "-Tutf8", "-ww", "-P-cbou", file]
            let (output, errors) = (Pipe(), Pipe())
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(path): groff exited \(process.terminationStatus)")
            #expect(warnings.isEmpty, "\(path): \(warnings)")
            #expect(text.contains("NAME"), "\(path) rendered no NAME section")
            let found = text.split(separator: "\n").filter { $0.contains(stray) }
            #expect(found.isEmpty, "\(path) shows macros as text: \(found.prefix(3))")
        }
    }

    @Test("help speaks the operator's language: no fold, projections or ADR numbers")
    func plainHelp() throws {
        let reference = try ReferenceGenerator.files()["docs/cli.md"] ?? ""
        // JSON field names such as `events_folded` are a contract and stay; `\b` skips them.
        let jargon = try Regex(#"(?i)\b(re)?fold(s|ed|ing)?\b|projection|\bADR ?\d"#)
        let lines = reference.split(separator: "\n").filter { $0.contains(jargon) }
        #expect(!reference.isEmpty)
        #expect(lines.isEmpty, "internal words in --help: \(lines)")
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
