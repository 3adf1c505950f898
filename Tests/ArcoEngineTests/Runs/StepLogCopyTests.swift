import ArcoCore
import ArcoEngine
import ArcoStore
import Foundation
import Testing

/// A step's log copied into a PostgreSQL store as it is written, and read back by `streamLogs`
/// where the file is missing (docs/adr/0024-postgres-step-logs.md).
@Suite struct StepLogCopyTests {
    static let yaml = """
        version: 1
        assets:
          talk:
            command: 'i=0; while [ $i -lt 3000 ]; do echo "$i $WORDS"; i=$((i+1)); done; printf "%s" "$WORDS" >&2'
            env: { WORDS: "ünïcode and 'quotes'" }
        """

    @Test("the store's rows hold the file's bytes, numbered and contiguous; streamLogs reads them when the file is gone")
    func rowsMatchFile() async throws {
        let fixture = try EngineTests.Fixture(yaml: Self.yaml, postgres: true)
        let reservation = try fixture.engine.requestRun(RunRequestOptions(selection: ["talk"]))
        let outcome = try await fixture.engine.driveRun(
            reservation, detach: false, wait: false, options: ExecutionOptions(maxConcurrency: 1))
        #expect(outcome.run.status == .success)
        let runID = reservation.runID
        let path = fixture.root + "/.arco/logs/" + LogPath.log(run: runID, step: "talk", attempt: 1)
        let file = try #require(FileManager.default.contents(atPath: path))
        #expect(file.count > 60_000, "long enough for several rows: \(file.count)")

        let store = try #require(try fixture.engine.store().logChunks)
        let rows = try store.logChunks(runID, step: "talk", attempt: 1, from: 0, limit: 10_000)
        #expect(rows.map(\.chunk) == Array(0..<Int64(rows.count)), "numbered from 0 without gaps")
        var offset: Int64 = 0
        for row in rows {
            #expect(row.byteOffset == offset)
            #expect(row.bytes.count <= Limits.logChunkBytesMax)
            offset += Int64(row.bytes.count)
        }
        #expect(rows.flatMap(\.bytes) == [UInt8](file), "the same bytes, in order")

        try FileManager.default.removeItem(atPath: fixture.root + "/.arco/logs")
        var printed = [UInt8]()
        var chunks = 0
        try await fixture.engine.streamLogs(runID, step: nil, attempt: nil, follow: false) { _, bytes in
            printed += bytes
            chunks += 1
        }
        #expect(printed == [UInt8](file), "streamLogs prints the store's copy")
        #expect(chunks > 1, "in chunks of whole lines")
    }

    @Test("a store that refuses the rows fails nothing: a chatty step succeeds and its file is whole")
    func refusedRowsFailNothing() async throws {
        // Far more than a pipe holds, over a second: the copier must keep draining the pipe
        // while the store refuses every row and the shipper retries.
        let fixture = try EngineTests.Fixture(
            yaml: """
                version: 1
                assets:
                  talk: { command: 'echo one; sleep 0.5; yes "two" | head -c 2000000; echo; sleep 0.5; echo three' }
                """, postgres: true)
        try fixture.engine.store().rawExecuteForTesting("DROP TABLE log_chunks")
        let reservation = try fixture.engine.requestRun(RunRequestOptions(selection: ["talk"]))
        let outcome = try await fixture.engine.driveRun(
            reservation, detach: false, wait: false, options: ExecutionOptions(maxConcurrency: 1))
        #expect(outcome.run.status == .success)
        let path = fixture.root + "/.arco/logs/" + LogPath.log(run: reservation.runID, step: "talk", attempt: 1)
        let file = try #require(FileManager.default.contents(atPath: path))
        let expected = "one\n" + String(repeating: "two\n", count: 500_000) + "\nthree\n"
        #expect(file.count == expected.utf8.count)
        #expect(file == Data(expected.utf8))
    }
}
