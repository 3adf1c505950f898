import ArcoCore
import Testing

extension DefinitionsTestGroup {
    @Suite("DurationSyntax")
    struct DurationSyntaxTests {
        struct Case: Sendable, CustomStringConvertible {
            let text: String
            let milliseconds: Int64
            var description: String { text }
        }

        static let valid = [
            Case(text: "500ms", milliseconds: 500), Case(text: "30s", milliseconds: 30_000),
            Case(text: "10m", milliseconds: 600_000), Case(text: "26h", milliseconds: 93_600_000),
            Case(text: "7d", milliseconds: 604_800_000),
            Case(text: "1h30m", milliseconds: 5_400_000),
            Case(text: "1d2h3m4s5ms", milliseconds: 93_784_005), Case(text: "0s", milliseconds: 0),
        ]

        static let invalid: [(String, DurationSyntax.ParseError)] = [
            ("", .empty), ("30", .missingUnit("30")), ("1.5h", .malformed("1.5h")),
            ("10 m", .malformed("10 m")), ("-5s", .malformed("-5s")), ("5w", .malformed("5w")),
            ("m", .malformed("m")), ("30m1h", .unitOrder("30m1h")), ("1h1h", .unitOrder("1h1h")),
            ("99999999999999999d", .tooLarge("99999999999999999d")),
            ("40000d", .tooLarge("40000d")),
        ]

        @Test("parses units and combinations", arguments: valid)
        func parses(testCase: Case) throws {
            let duration = try DurationSyntax.parse(testCase.text)
            #expect(DurationSyntax.milliseconds(duration) == testCase.milliseconds)
        }

        @Test("rejects malformed durations with the reason", arguments: invalid)
        func rejects(text: String, expected: DurationSyntax.ParseError) {
            let error = #expect(throws: DurationSyntax.ParseError.self) {
                try DurationSyntax.parse(text)
            }
            #expect(error == expected)
        }

        @Test("a bare number asks for a unit")
        func bareNumberHint() {
            let error = DurationSyntax.ParseError.missingUnit("30")
            #expect(error.description == "duration '30' has no unit")
            #expect(error.hint == "add a unit, e.g. '30s' or '30m'")
        }

        @Test("formats to the shortest text that parses back")
        func formatsRoundTrip() throws {
            #expect(DurationSyntax.format(.seconds(5400)) == "1h30m")
            #expect(DurationSyntax.format(.milliseconds(500)) == "500ms")
            #expect(DurationSyntax.format(.zero) == "0s")
            for testCase in Self.valid where testCase.milliseconds > 0 {
                let duration = try DurationSyntax.parse(testCase.text)
                #expect(try DurationSyntax.parse(DurationSyntax.format(duration)) == duration)
            }
        }
    }
}
