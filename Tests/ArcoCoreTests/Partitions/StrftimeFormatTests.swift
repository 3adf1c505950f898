import Testing

@testable import ArcoCore

/// `StrftimeFormat` formats and parses as Python's strftime/strptime do.
@Suite("Strftime formats")
struct StrftimeFormatTests {
    static let wall = WallDateTime(date: CivilDate(year: 2024, month: 3, day: 5), hour: 7,
        minute: 4, second: 9, utcOffsetSeconds: -18_000)

    @Test("Dagster's default formats and the other directives format like Python")
    func formats() {
        #expect(StrftimeFormat("%Y-%m-%d").format(Self.wall) == "2024-03-05")
        #expect(StrftimeFormat("%Y-%m-%d-%H:%M").format(Self.wall) == "2024-03-05-07:04")
        #expect(StrftimeFormat("%Y-%m-%d-%H:%M%z").format(Self.wall) == "2024-03-05-07:04-0500")
        #expect(StrftimeFormat("%y%j %a %b %B %A %I%p %S %% %w").format(Self.wall)
            == "24065 Tue Mar March Tuesday 07AM 09 % 2")
        var naive = Self.wall
        naive.utcOffsetSeconds = nil
        #expect(StrftimeFormat("%H%z").format(naive) == "07")
        #expect(StrftimeFormat.utcOffsetText(20_700) == "+0545")
    }

    @Test("parsing takes Python's widths, needs the whole text and a real date")
    func parses() throws {
        let format = StrftimeFormat("%Y-%m-%d")
        #expect(format.parse("2024-3-5")?.date == CivilDate(year: 2024, month: 3, day: 5))
        #expect(format.parse("2024-03-05")?.utcOffsetSeconds == nil)
        #expect(format.parse("2024-13-01") == nil)
        #expect(format.parse("2023-02-29") == nil)
        #expect(format.parse("2024-03-05x") == nil)
        #expect(format.parse("not-a-date") == nil)
        let zoned = format.withUTCOffset
        #expect(zoned.parse("2024-03-05-0500")?.utcOffsetSeconds == -18_000)
        #expect(zoned.parse("2024-03-05+05:30")?.utcOffsetSeconds == 19_800)
        #expect(zoned.parse("2024-03-05Z")?.utcOffsetSeconds == 0)
        let hourly = try #require(StrftimeFormat("%Y-%m-%d-%H:%M").parse("2024-11-03-01:45"))
        #expect([hourly.hour, hourly.minute] == [1, 45])
        #expect(StrftimeFormat("%d %b %Y %I%p").parse("05 mar 2024 07PM")?.hour == 19)
    }
}
