import ArcoCore
import Testing

extension DefinitionsTestGroup {
    @Suite("WallDateTime")
    struct WallDateTimeTests {
        @Test("parses the date and date-time forms partitions definitions use", arguments: [
            ("2024-01-01", "2024-01-01T00:00:00"),
            ("2024-03-09-20:00", "2024-03-09T20:00:00"),
            ("2024-03-09T20:00", "2024-03-09T20:00:00"),
            ("2024-03-09 20:00:15", "2024-03-09T20:00:15"),
            ("2024-10-26-20:00+0100", "2024-10-26T20:00:00+01:00"),
            ("2024-11-02-20:00-04:00", "2024-11-02T20:00:00-04:00"),
            ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
            ("2024-02-29", "2024-02-29T00:00:00"),
        ])
        func parses(text: String, expected: String) throws {
            let value = try #require(WallDateTime.parse(text))
            #expect(value.description == expected)
        }

        @Test("rejects text that is not a real date or time", arguments: [
            "2023-02-29", "2024-13-01", "2024-01-32", "2024-1-1", "24-01-01", "2024-01-01T25:00",
            "2024-01-01T10:60", "2024-01-01T10", "2024-01-01 10:00 UTC", "yesterday", "",
            "2024-01-01T10:00+25:00",
        ])
        func rejects(text: String) {
            #expect(WallDateTime.parse(text) == nil)
        }

        @Test("orders date-times with the same offset and refuses to guess across offsets")
        func ordering() throws {
            let early = try #require(WallDateTime.parse("2024-01-01"))
            let late = try #require(WallDateTime.parse("2024-01-01T00:01"))
            #expect(early.isBefore(late) == true)
            #expect(late.isBefore(early) == false)
            #expect(early.isBefore(early) == false)
            let offset = try #require(WallDateTime.parse("2024-01-02T00:00Z"))
            #expect(early.isBefore(offset) == nil)
        }
    }
}
