import ArcoCore
import ArgumentParser
import Foundation

extension ArcoCommand.Ledger {
    /// `arco ledger import`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an export into a workspace whose store is empty or not yet created.",
            discussion: """
                The hash chain is checked before anything is committed: a broken chain exits 65 \
                and writes nothing. The projections are rebuilt from the imported events.
                """
        )

        @Argument(help: "The export file, or - for standard input.", completion: .file())
        var file: String

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            guard let handle = file == "-" ? fdopen(STDIN_FILENO, "r") : fopen(file, "r") else {
                throw OperatorError(.notFound, "cannot read '\(file)'", hint: "export one with `arco ledger export > \(file)`")
            }
            defer { fclose(handle) }
            var reader = LineReader(handle)
            let count: Int64
            do {
                count = try context.engine.importLedger { reader.next() }
            } catch var error as OperatorError where error.message.contains("hash chain") {
                // A broken chain in an export is bad input, not a damaged store.
                error.status = .dataError
                error.hint = "the export was edited or truncated; export it again with `arco ledger export`"
                throw error
            }
            if output.json {
                JSONOutput.print(["imported": .int(count)])
            } else {
                Console.out("imported \(count) events and rebuilt the projections")
            }
        }
    }
}

/// Reads lines of any length from a C stream.
struct LineReader {
    private let handle: UnsafeMutablePointer<FILE>

    init(_ handle: UnsafeMutablePointer<FILE>) { self.handle = handle }

    mutating func next() -> String? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let length = getline(&buffer, &capacity, handle)
        guard length >= 0, let buffer else { return nil }
        var line = String(cString: buffer)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }
}
