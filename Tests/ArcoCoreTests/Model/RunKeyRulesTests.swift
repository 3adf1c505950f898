import ArcoCore
import Testing

/// What an operator may type as a run key: one printable line within `Limits.runKeyBytesMax`.
@Suite struct RunKeyRulesTests {
    @Test("ordinary keys, shell metacharacters and non-ASCII letters are accepted",
        arguments: ["k1", "nightly:2024-05-01", "a b", "$(touch pwned)", "clé-日本", "x|y,z[0]"])
    func accepted(key: String) {
        #expect(RunKeyRules.problem(with: key) == nil)
    }

    @Test("the empty key is refused")
    func empty() {
        #expect(RunKeyRules.problem(with: "") == .empty)
    }

    @Test("every C0 control, DEL and every C1 control is refused; U+00A0 is not a control",
        arguments: Array(0x00...0x1F) + Array(0x7F...0x9F))
    func controls(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(RunKeyRules.problem(with: "a\(Character(scalar))b") == .controlCharacter, "U+\(value)")
        #expect(RunKeyRules.problem(with: "a\u{A0}b") == nil)
    }

    @Test("the length limit counts UTF-8 bytes: exactly the limit passes, one byte more is refused")
    func length() {
        let limit = Limits.runKeyBytesMax
        #expect(limit == 512)
        #expect(RunKeyRules.problem(with: String(repeating: "k", count: limit)) == nil)
        #expect(RunKeyRules.problem(with: String(repeating: "k", count: limit + 1)) == .tooLong(bytes: limit + 1))
        // "é" is 2 bytes: 256 of them are exactly the limit.
        #expect(RunKeyRules.problem(with: String(repeating: "é", count: 256)) == nil)
        #expect(RunKeyRules.problem(with: String(repeating: "é", count: 257)) == .tooLong(bytes: 514))
    }

    @Test("a key is printed on one line: controls escaped, an overlong key shortened")
    func printable() {
        #expect(RunKeyRules.printable("a\nb\u{85}") == "a\\u{A}b\\u{85}")
        let long = RunKeyRules.printable(String(repeating: "k", count: 10_000))
        #expect(long == String(repeating: "k", count: 64) + "…")
    }

    @Test("table text escapes control characters and leaves other text untouched")
    func tableText() {
        #expect(PrintableText.escapingControlCharacters("one\ntwo\tthree") == "one\\u{A}two\\u{9}three")
        #expect(PrintableText.escapingControlCharacters("plain é") == "plain é")
    }
}
