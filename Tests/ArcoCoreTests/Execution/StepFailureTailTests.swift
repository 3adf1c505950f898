import ArcoCore
import Testing

/// A failed attempt's recorded error: its cause, then the last whole lines of its output.
@Suite struct StepFailureTailTests {
    @Test("the cause comes first, then the output's non-blank lines; no output leaves the cause alone")
    func error() {
        let output = Array("starting\n\nERROR: upstream API returned 503  \r\n".utf8)
        #expect(StepFailureTail.error("exit code 3", output: output) == "exit code 3\nstarting\nERROR: upstream API returned 503")
        #expect(StepFailureTail.error("exit code 3", output: []) == "exit code 3")
        #expect(StepFailureTail.split("exit code 3\na\nb") == ("exit code 3", ["a", "b"]))
        #expect(StepFailureTail.split("exit code 3") == ("exit code 3", []))
        #expect(StepFailureTail.oneLine("exit code 3\na\nb") == "exit code 3: b")
        #expect(StepFailureTail.oneLine("run canceled") == "run canceled")
    }

    @Test("only the last 2 KiB are kept, and a line the window cuts is dropped whole")
    func bounded() {
        let lines = (0..<500).map { "line \($0) " + String(repeating: "x", count: 20) }
        let error = StepFailureTail.error("exit code 1", output: Array(lines.joined(separator: "\n").utf8))
        let kept = StepFailureTail.split(error).output
        #expect(kept.last == lines.last)
        #expect(kept.allSatisfy { lines.contains($0) }, "a cut line was kept")
        #expect(kept.joined(separator: "\n").utf8.count <= Limits.stepErrorTailBytesMax)
        #expect(kept.count > 50)
    }

    @Test("escape sequences and other control bytes are shown as ?, tabs and UTF-8 kept")
    func sanitised() {
        let output: [UInt8] = Array("\u{1B}[31mred\u{1B}[0m\tok é\u{07}\n".utf8)
        #expect(StepFailureTail.split(StepFailureTail.error("x", output: output)).output == ["?[31mred?[0m\tok é?"])
    }
}
