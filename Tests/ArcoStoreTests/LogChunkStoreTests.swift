import ArcoCore
import ArcoStore
import Foundation
import Testing

/// Step log chunks as rows of a PostgreSQL store (docs/adr/0024-postgres-step-logs.md): what
/// `arco logs` reads on a host that does not have the file.
@Suite struct LogChunkStoreTests {
    /// Every byte value, over and over, so an encoding that is not byte-exact shows.
    static func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + seed) }
    }

    /// All bytes at or after `offset`, read back page by page as `arco logs` does.
    static func readAll(_ store: any LogChunkStore, step: StepKey, from offset: Int64, limit: Int) throws -> ([UInt8], Int) {
        var out = [UInt8]()
        var position = offset
        var pages = 0
        while true {
            let page = try store.logChunks("r1", step: step, attempt: 1, from: position, limit: limit)
            pages += 1
            #expect(page.count <= limit, "a page holds at most `limit` rows")
            for row in page {
                #expect(row.byteOffset <= position, "rows follow each other without gaps")
                out += row.bytes[Int(position - row.byteOffset)...]
                position = row.byteOffset + Int64(row.bytes.count)
            }
            if page.count < limit { return (out, pages) }
        }
    }

    @Test("chunks read back byte-identical, in order, from any offset, in pages")
    func roundTrip() throws {
        let temporary = try TemporaryPostgresStore(name: "log_chunks")
        let store = try #require(temporary.store.logChunks, "a PostgreSQL store keeps log chunks")
        let sizes = [1, 700, 0x1_0000, 3, 4096, 513]
        var whole = [UInt8]()
        var chunks = [LogChunk]()
        for (index, size) in sizes.enumerated() {
            chunks.append(LogChunk(chunk: Int64(index), byteOffset: Int64(whole.count), bytes: Self.bytes(size, seed: index)))
            whole += chunks[index].bytes
        }
        // In two calls, as a shipper writes them; the second is repeated, as after a lost reply.
        try store.appendLogChunks("r1", step: "s", attempt: 1, Array(chunks[..<2]))
        try store.appendLogChunks("r1", step: "s", attempt: 1, Array(chunks[2...]))
        try store.appendLogChunks("r1", step: "s", attempt: 1, Array(chunks[2...]))
        // Another attempt and another step do not mix in.
        try store.appendLogChunks("r1", step: "s", attempt: 2, [LogChunk(chunk: 0, byteOffset: 0, bytes: [9, 9])])
        try store.appendLogChunks("r1", step: "other", attempt: 1, [LogChunk(chunk: 0, byteOffset: 0, bytes: [8])])

        let reader = try temporary.open()
        for offset in [0, 1, 2, 700, 701, 0x1_0000 + 701, Int64(whole.count) - 1, Int64(whole.count)] as [Int64] {
            for limit in [1, 2, 64] {
                let (read, _) = try Self.readAll(reader, step: "s", from: offset, limit: limit)
                #expect(read == Array(whole[Int(offset)...]), "from \(offset), \(limit) rows a page")
            }
        }
        #expect(try reader.logChunks("r1", step: "s", attempt: 2, from: 0, limit: 64).map(\.bytes) == [[9, 9]])
        #expect(try reader.logChunks("r1", step: "s", attempt: 3, from: 0, limit: 64).isEmpty)
        #expect(try reader.logChunks("r1", step: "s", attempt: 1, from: Int64(whole.count), limit: 64).isEmpty)
    }

    @Test("a SQLite store keeps no log chunks: its log files are the logs")
    func sqliteHasNone() throws {
        let temporary = try TemporaryStore()
        #expect(temporary.store.logChunks == nil)
    }
}
