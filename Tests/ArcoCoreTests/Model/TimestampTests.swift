import ArcoCore
import Testing

@Suite struct TimestampTests {
    @Test("formats as fixed-width ISO 8601 with microseconds in UTC")
    func formats() {
        #expect(Timestamp(secondsSinceEpoch: 0).iso8601 == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(microsecondsSinceEpoch: 1_736_937_000_000_123).iso8601 == "2025-01-15T10:30:00.000123Z")
        #expect(Timestamp(microsecondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59.999999Z")
        #expect(Timestamp(secondsSinceEpoch: 951_782_400).iso8601 == "2000-02-29T00:00:00.000000Z")
    }

    @Test(
        "parses Z, offsets, fractions and bare dates",
        arguments: [
            ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000000Z"),
            ("2024-01-01T01:00:00+01:00", "2024-01-01T00:00:00.000000Z"),
            ("2024-11-03T01:30:00-0500", "2024-11-03T06:30:00.000000Z"),
            ("2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.500000Z"),
            ("2024-01-01T00:00:00.123456789Z", "2024-01-01T00:00:00.123456Z"),
            ("2024-02-29", "2024-02-29T00:00:00.000000Z"),
            ("2024-01-01T10:30Z", "2024-01-01T10:30:00.000000Z"),
        ])
    func parses(input: String, expected: String) {
        #expect(Timestamp(iso8601: input)?.iso8601 == expected)
    }

    @Test(
        "rejects what is not an instant",
        arguments: ["", "2024-02-30", "2023-02-29", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00", "yesterday",
                    "2024-1-1", "2024-01-01T00:00:00+25:00", "2024-01-01T00:00:00Zjunk"])
    func rejects(input: String) {
        #expect(Timestamp(iso8601: input) == nil)
    }

    @Test("civil date conversion round-trips across four centuries")
    func civilRoundTrip() {
        for days in stride(from: Int64(-200_000), through: 200_000, by: 97) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }
}
