import ArcoCore
import Testing

/// The per-attempt log bound: head written at once, tail kept in a ring, a notice between.
@Suite struct StepLogClipperTests {
    /// Feeds `output` in pieces of `piece` bytes; returns the log as the copier would write it.
    static func log(_ output: [UInt8], maxBytes: Int64, piece: Int) -> [UInt8] {
        var clipper = StepLogClipper(maxBytes: maxBytes)
        var written = [UInt8]()
        var start = 0
        while start < output.count {
            let chunk = Array(output[start..<min(start + piece, output.count)])
            written += chunk.prefix(clipper.accept(chunk))
            start += piece
        }
        return written + clipper.finish()
    }

    static func lines(_ count: Int) -> [UInt8] {
        Array((0..<count).map { "line \($0)\n" }.joined().utf8)
    }

    @Test("output within the bound is kept whole, whatever the pieces", arguments: [1, 7, 4096, 1 << 20])
    func withinBound(piece: Int) {
        let output = Self.lines(100)
        #expect(output.count < 1024)
        #expect(Self.log(output, maxBytes: 1024, piece: piece) == output)
        let exact = Array(repeating: UInt8(ascii: "x"), count: 1024)
        #expect(Self.log(exact, maxBytes: 1024, piece: piece) == exact, "exactly log_max is not cut")
    }

    @Test("longer output keeps the head, a notice with the bytes cut, and the tail from a whole line",
        arguments: [1, 7, 300, 4096, 1 << 20])
    func clipped(piece: Int) {
        let output = Self.lines(10_000)
        let log = Self.log(output, maxBytes: 1024, piece: piece)
        let text = String(decoding: log, as: UTF8.self)
        // Head: the first 512 bytes exactly; then the notice on its own line.
        #expect(Array(log.prefix(512)) == Array(output.prefix(512)))
        let notice = text.split(separator: "\n").first { $0.hasPrefix("[arco: ") }
        #expect(notice?.hasSuffix("bytes cut here; log_max is 1KiB]") == true)
        // Tail: whole lines ending with the last one.
        #expect(text.hasSuffix("line 9999\n"))
        let tail = text.components(separatedBy: "bytes cut here; log_max is 1KiB]\n")[1]
        #expect(tail.hasPrefix("line "))
        #expect(String(decoding: output, as: UTF8.self).hasSuffix(tail))
        // The notice's count is exactly what is missing.
        let cut = Int(notice?.split(separator: " ")[1] ?? "") ?? -1
        #expect(512 + cut + tail.utf8.count == output.count)
    }

    @Test("the tail never holds more than Limits.stepLogTailBytesMax, whatever log_max")
    func tailCap() {
        let clipper = StepLogClipper(maxBytes: 1 << 30)
        #expect(clipper.tailBytes == Limits.stepLogTailBytesMax)
        #expect(clipper.headBytes == (1 << 30) - Limits.stepLogTailBytesMax)
        #expect(StepLogClipper(maxBytes: 1024).tailBytes == 512)
    }
}
