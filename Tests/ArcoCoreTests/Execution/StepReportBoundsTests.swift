import ArcoCore
import Testing

/// `ARCO_REPORT` over `Limits.stepReportBytesMax`: whole lines within the limit are kept, the
/// rest dropped, and the cut recorded in the metadata.
@Suite struct StepReportBoundsTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("the limit is 1 MiB")
    func limit() {
        #expect(Limits.stepReportBytesMax == 1_048_576)
    }

    @Test("kept length: everything within the limit, else up to the last newline inside it")
    func keptLength() {
        #expect(StepReportCut.keptLength(of: Self.bytes("ab\ncd"), limit: 5) == 5, "within the limit")
        #expect(StepReportCut.keptLength(of: Self.bytes("ab\ncd\n"), limit: 5) == 5, "a newline right after the limit")
        #expect(StepReportCut.keptLength(of: Self.bytes("ab\ncde"), limit: 5) == 3, "cut inside a line")
        #expect(StepReportCut.keptLength(of: Self.bytes("abcdef"), limit: 5) == 0, "a first line over the limit")
        #expect(StepReportCut.keptLength(of: Self.bytes("a\nb\ncdefgh"), limit: 5) == 4)
    }

    @Test("a report exactly at the limit is kept whole and not marked")
    func atLimit() throws {
        let line = #"{"metadata": {"a": "x"}}"#
        let head = Self.bytes(line)
        let report = try #require(try StepReport.parse(head: head, reportBytes: Int64(head.count), limit: Int64(head.count)))
        #expect(report.cut == nil)
        #expect(report.metadata == ["a": .string("x")])
    }

    @Test("a report over the limit keeps its whole lines within it and records the cut")
    func overLimit() throws {
        let first = #"{"data_version": "v1", "metadata": {"a": 1}}"# + "\n"
        let second = #"{"metadata": {"b": "\#(String(repeating: "y", count: 100))"}}"# + "\n"
        let head = Self.bytes(first + second)
        let limit = Int64(first.utf8.count + 10)
        // The reader hands over at most limit + 1 bytes, and the file's size.
        let report = try #require(
            try StepReport.parse(head: Array(head.prefix(Int(limit) + 1)), reportBytes: Int64(head.count), limit: limit))
        #expect(report.dataVersion == "v1")
        #expect(report.metadata["a"] == .int(1))
        #expect(report.metadata["b"] == nil)
        let cut = try #require(report.cut)
        #expect(cut == StepReportCut(reportBytes: Int64(head.count), keptBytes: Int64(first.utf8.count), limitBytes: limit))
        #expect(report.metadata[StepReportCut.metadataKey] == .object([
            "report_bytes": .int(Int64(head.count)), "kept_bytes": .int(Int64(first.utf8.count)), "limit_bytes": .int(limit),
        ]))
        #expect(cut.warning.contains("over the") && cut.warning.contains("kept its first \(first.utf8.count) bytes"))
    }

    @Test("a single line over the limit keeps nothing but the cut")
    func oneHugeLine() throws {
        let head = Self.bytes(#"{"metadata": {"blob": "\#(String(repeating: "z", count: 64))"}}"#)
        let report = try #require(try StepReport.parse(head: Array(head.prefix(17)), reportBytes: Int64(head.count), limit: 16))
        #expect(report.metadata.keys.sorted() == [StepReportCut.metadataKey])
        #expect(report.dataVersion == nil)
    }

    @Test("a file that grew past the limit after its size was taken is still cut")
    func grewAfterStat() throws {
        let head = Self.bytes("{}\n{}\n{}\n")
        let report = try #require(try StepReport.parse(head: Array(head.prefix(5)), reportBytes: 3, limit: 4))
        #expect(report.cut?.keptBytes == 3)
        #expect(report.cut?.reportBytes == 5)
    }

    @Test("a malformed kept line still fails with its line number; bytes that are not UTF-8 are no report")
    func malformed() {
        #expect(throws: StepReportError(line: 2, reason: "not a JSON object")) {
            try StepReport.parse(head: Self.bytes("{}\nnope\n"), reportBytes: 8, limit: 100)
        }
        #expect((try? StepReport.parse(head: [0xFF, 0x0A], reportBytes: 2, limit: 100)) == .some(nil))
        #expect(StepReportError(line: nil, reason: "x").description == "ARCO_REPORT: x")
    }
}
