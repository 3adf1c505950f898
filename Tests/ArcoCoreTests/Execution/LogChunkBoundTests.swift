import ArcoCore
import Testing

/// How much of an attempt's log a PostgreSQL store keeps (docs/adr/0024-postgres-step-logs.md).
@Suite struct LogChunkBoundTests {
    @Test("a log within the bound is kept whole, with no marker")
    func withinBound() {
        var bound = LogChunkBound(maxBytes: 2048, path: "/w/.arco/logs/r/s/attempt-1.log", host: "h1")
        #expect(bound.accept(Array(repeating: 0x41, count: 2000)) == (2000, nil))
        #expect(bound.accept(Array(repeating: 0x41, count: 48)) == (48, nil))
        #expect(!bound.isCut)
    }

    @Test("past the bound, the first bytes are kept, then once a line naming the file and host")
    func cut() throws {
        var bound = LogChunkBound(maxBytes: 2048, path: "/w/.arco/logs/r/s/attempt-1.log", host: "h1")
        #expect(bound.accept(Array(repeating: 0x41, count: 2000)).kept == 2000)
        let (kept, marker) = bound.accept(Array(repeating: 0x42, count: 100))
        #expect(kept == 48)
        let text = String(decoding: try #require(marker), as: UTF8.self)
        #expect(text == "\n[arco: the database keeps the first 2KiB of this log; the rest is in /w/.arco/logs/r/s/attempt-1.log on host h1]\n")
        #expect(bound.isCut)
        #expect(bound.accept([0x0A]) == (0, nil), "nothing after the marker")
    }

    @Test("the default bound is Limits.stepLogDatabaseBytesMax, 16 MiB")
    func defaultBound() {
        #expect(LogChunkBound(path: "p", host: "h").maxBytes == 16 << 20)
    }
}
