import ArcoCore
import Testing

extension DefinitionsTestGroup {
    @Suite("ByteSizeSyntax")
    struct ByteSizeSyntaxTests {
        @Test("parses binary and decimal units", arguments: [
            ("4096B", Int64(4096)), ("1KiB", 1024), ("10MiB", 10 << 20), ("1GiB", 1 << 30),
            ("5KB", 5_000), ("10MB", 10_000_000), ("2GB", 2_000_000_000),
        ])
        func parses(text: String, bytes: Int64) throws {
            #expect(try ByteSizeSyntax.parse(text) == bytes)
        }

        @Test("rejects malformed sizes with the reason", arguments: [
            ("", ByteSizeSyntax.ParseError.empty), ("10", .missingUnit("10")), ("1.5MiB", .malformed("1.5MiB")),
            ("10 MiB", .malformed("10 MiB")), ("10mib", .malformed("10mib")), ("MiB", .malformed("MiB")),
            ("-1KiB", .malformed("-1KiB")), ("2048GiB", .tooLarge("2048GiB")),
            ("99999999999999999999B", .tooLarge("99999999999999999999B")),
        ])
        func rejects(text: String, expected: ByteSizeSyntax.ParseError) {
            let error = #expect(throws: ByteSizeSyntax.ParseError.self) { try ByteSizeSyntax.parse(text) }
            #expect(error == expected)
        }

        @Test("a bare number asks for a unit")
        func bareNumberHint() {
            #expect(ByteSizeSyntax.ParseError.missingUnit("10").hint == "add a unit, e.g. '10MiB' or '10KiB'")
        }

        @Test("formats in the largest binary unit that divides the size")
        func formats() {
            #expect(ByteSizeSyntax.format(100 << 20) == "100MiB")
            #expect(ByteSizeSyntax.format(1536 << 10) == "1536KiB")
            #expect(ByteSizeSyntax.format(1000) == "1000B")
            #expect(ByteSizeSyntax.format(0) == "0B")
        }
    }
}
