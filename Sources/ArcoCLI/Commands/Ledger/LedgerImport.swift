import ArcoCore
import ArgumentParser
import Foundation

extension ArcoCommand.Ledger {
    /// `arco ledger import`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load an export into a workspace whose store is empty or not yet created.",
            discussion: """
                The hash chain is checked before anything is committed: a broken chain exits 65 \
                and writes nothing. The state commands read is rebuilt from the imported events.
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
            var reader = LineReader(handle, name: file)
            let count = try context.engine.importLedger { try reader.next() }
            if output.json {
                JSONOutput.print(["imported": .int(count)])
            } else {
                Console.out("imported \(count) events and rebuilt the projections")
            }
        }
    }
}

/// Reads lines of any length from a C stream; a read error is an error, never an early end.
struct LineReader {
    private let handle: UnsafeMutablePointer<FILE>
    private let name: String

    init(_ handle: UnsafeMutablePointer<FILE>, name: String) {
        self.handle = handle
        self.name = name
    }

    mutating func next() throws -> String? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let length = getline(&buffer, &capacity, handle)
        guard length >= 0, let buffer else {
            if ferror(handle) != 0 {
                let reason = String(cString: strerror(errno))
                throw OperatorError(.ioError, "cannot read '\(name)': \(reason)", hint: "check the file with `ls -l \(name)`")
            }
            return nil
        }
        var line = String(cString: buffer)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }
}
