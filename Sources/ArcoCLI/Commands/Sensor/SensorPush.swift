import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

extension ArcoCommand.Sensor {
    /// `arco sensor push`.
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Deliver a message to a push sensor, exactly once per message id.",
            discussion: """
                The message is evaluated once under its id: a redelivery records nothing and reports \
                the original evaluation with "duplicate": true. The payload (at most 1 MiB, a file or \
                - for stdin) is stored as opaque bytes and reaches the steps of the runs it requests \
                as the file named by ARCO_SENSOR_PAYLOAD_FILE. Without a command the message requests \
                one run of the target; with one, the command reads the payload on stdin and answers \
                like a poll sensor. --json prints the evaluation object of docs/json.md with \
                "duplicate".
                """
        )

        @Argument(help: ArgumentHelp("The push sensor.", valueName: "sensor"), completion: CompletionCandidates.sensors)
        var name: String

        @Option(help: ArgumentHelp("The message's id; a repeated id is a no-op.", valueName: "id"))
        var messageID: String

        @Option(help: ArgumentHelp("The payload: a file, or - for stdin.", valueName: "file"), completion: .file())
        var payload: String?

        @Flag(help: "Queue the requested run without starting a worker.")
        var noLaunch = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try Self.perform(
                context: try CommandContext(global, json: output.json), name: name, messageID: messageID, payload: payload,
                noLaunch: noLaunch, json: output.json)
        }

        /// The command's work, also reached without building the parser (`SensorPushLine`).
        static func perform(
            context: CommandContext, name: String, messageID: String, payload: String?, noLaunch: Bool, json: Bool
        ) throws {
            let bytes = try payload.map(Self.read)
            let outcome = try context.engine.sensorPush(
                name, messageID: messageID, payload: bytes, launch: noLaunch ? .queueOnly : .launch)
            if json {
                JSONOutput.print(SensorJSON.evaluation(outcome, withDuplicate: true))
            } else {
                Console.out(SensorText.line(outcome))
            }
            if outcome.status == .error { throw CommandFailure(status: .failure) }
        }

        /// Reads at most one byte past the limit, so an oversized payload is refused without
        /// reading it all.
        static func read(_ source: String) throws -> [UInt8] {
            var isFolder: ObjCBool = false
            if source != "-", FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue {
                throw OperatorError(
                    .dataError, "payload '\(source)' is a folder, not a file",
                    hint: "give a file, or - for standard input: `arco sensor push NAME --message-id ID --payload FILE`")
            }
            let handle: FileHandle?
            if source == "-" {
                handle = FileHandle.standardInput
            } else {
                handle = FileHandle(forReadingAtPath: source)
            }
            guard let handle else {
                throw OperatorError(.notFound, "cannot read payload file '\(source)'", hint: "check the path: `ls -l \(source)`")
            }
            var bytes: [UInt8] = []
            while bytes.count <= Limits.sensorPayloadBytesMax {
                // The throwing read: `readData(ofLength:)` traps on a folder or a read error.
                let chunk: Data?
                do {
                    chunk = try handle.read(upToCount: 65_536)
                } catch {
                    // Foundation's own text for a failed read names no cause; the errno does.
                    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                    let cause = underlying.map { String(cString: strerror(Int32($0.code))) } ?? "\(error)"
                    throw OperatorError(
                        .dataError, "cannot read payload '\(source)': \(cause)",
                        hint: "give a file, or - for standard input: `arco sensor push NAME --message-id ID --payload FILE`")
                }
                guard let chunk, !chunk.isEmpty else { break }
                bytes.append(contentsOf: chunk)
            }
            return bytes
        }
    }
}
