import ArcoCore
import Testing

@Suite struct CanonicalPartitionKeyTests {
    @Test("reproduces the reference vectors exactly")
    func vectors() throws {
        let dateRegion = try CanonicalPartitionKey([
            ("region", .string("us-east")), ("date", .date(CivilDate(year: 2025, month: 1, day: 15))),
        ])
        #expect(dateRegion.description == "date=d:2025-01-15,region=s:dXMtZWFzdA")
        let ints = try CanonicalPartitionKey([("z_last", .integer(3)), ("a_first", .integer(1)), ("m_middle", .integer(2))])
        #expect(ints.description == "a_first=i:1,m_middle=i:2,z_last=i:3")
        #expect(try CanonicalPartitionKey([("name", .string("test"))]).description == "name=s:dGVzdA")
        let instant = try #require(Timestamp(iso8601: "2025-01-15T10:30:00Z"))
        #expect(try CanonicalPartitionKey([("ts", .timestamp(instant))]).description == "ts=t:2025-01-15T10:30:00.000000Z")
        #expect(try CanonicalPartitionKey([("missing", .null)]).description == "missing=n:null")
        #expect(try CanonicalPartitionKey([("flag", .boolean(true))]).description == "flag=b:true")
        #expect(try CanonicalPartitionKey([("empty", .string(""))]).description == "empty=s:")
    }

    @Test("is order-insensitive: any input order gives the same key")
    func orderInsensitive() throws {
        let a = try CanonicalPartitionKey([("b", .integer(2)), ("a", .string("x")), ("c", .null)])
        let b = try CanonicalPartitionKey([("c", .null), ("a", .string("x")), ("b", .integer(2))])
        #expect(a == b)
        #expect(a.description == b.description)
    }

    @Test(
        "is injective: values with separators and unicode never collide, and round-trip",
        arguments: ["a,b", "a=b", "a|b", "x:y", "", " ", "日本", "😀", "a,region=s:x", "...", "us-east"])
    func injective(value: String) throws {
        let key = try CanonicalPartitionKey([("k", .string(value)), ("z", .string("tail"))])
        let parsed = try CanonicalPartitionKey(parsing: key.description)
        #expect(parsed == key)
        #expect(parsed.value(of: "k") == .string(value))
        #expect(try CanonicalPartitionKey([("k", .string(value + "x")), ("z", .string("tail"))]) != key)
    }

    @Test("distinct typed values stay distinct")
    func typed() throws {
        let keys = try [
            CanonicalPartitionKey([("k", .string("1"))]), CanonicalPartitionKey([("k", .integer(1))]),
            CanonicalPartitionKey([("k", .boolean(true))]), CanonicalPartitionKey([("k", .string("true"))]),
            CanonicalPartitionKey([("k", .null)]), CanonicalPartitionKey([("k", .string("null"))]),
        ]
        #expect(Set(keys).count == keys.count)
    }

    @Test(
        "rejects malformed canonical strings",
        arguments: [
            "region=s:x,date=d:2025-01-15", "date=d:2025-02-30", "date=d:0000-01-01", "n=i:01", "n=i:+1", "n=i:1.5",
            "f=f:1.5", "b=b:yes", "t=t:2025-01-15T10:30:00Z", "s=s:dGVzdA==", "s=s:dGVzd!", "noequals", "a=nocolon",
            "a=i:1,a=i:2", "1a=i:1", "a-b=i:1", "a=i:1,", "n=n:nil", "s=s:_w", "s=s:dGVzdB", "n=i:-0", ",a=i:1",
        ])
    func rejects(text: String) {
        #expect(throws: CanonicalKeyError.self) { try CanonicalPartitionKey(parsing: text) }
    }

    @Test("an empty string is the empty key; single-dimension keys use the fixed 'key' dimension")
    func emptyAndSingle() throws {
        #expect(try CanonicalPartitionKey(parsing: "").segments.isEmpty)
        let single = CanonicalPartitionKey(single: .date(CivilDate(year: 2024, month: 1, day: 1)))
        #expect(single.description == "key=d:2024-01-01")
    }

    @Test("keys order by canonical text")
    func ordering() throws {
        let early = try CanonicalPartitionKey(parsing: "key=d:2024-01-01")
        let late = try CanonicalPartitionKey(parsing: "key=d:2024-01-02")
        #expect(early < late)
    }

    @Test(
        "the in-place reading of single time keys agrees with the strict parser",
        arguments: [
            "key=d:2024-02-29", "key=d:2023-02-29", "key=d:0001-01-01", "key=d:0000-12-31", "key=d:9999-12-31",
            "key=d:2024-1-05", "key=d:2024-01-05 ", "key=d:2024-13-01", "key=t:2024-11-03T06:00:00.000000Z",
            "key=t:2024-11-03T24:00:00.000000Z", "key=t:2024-11-03T06:60:00.000000Z", "key=t:2024-11-03T06:00:60.000000Z",
            "key=t:2024-11-03T06:00:00.00000Z", "key=t:2024-11-03T06:00:00.000000", "key=t:2024-11-03 06:00:00.000000Z",
            "key=t:1969-12-31T23:59:59.999999Z", "key=s:MjAyNA", "kez=d:2024-01-01", "key=d:", "key=t:",
            "date=d:2024-01-01", "key=d:2024-01-01,z=i:1", "key=x:2024-01-01", "",
        ])
    func singleTimeValue(text: String) {
        let strict = try? CanonicalPartitionKey(parsing: text)
        guard let fast = CanonicalPartitionKey.singleTimeValue(text) else {
            // Declining is always allowed (the strict parser decides); accepting must agree.
            if let strict, strict.segments.count == 1, strict.segments[0].dimension == "key" {
                switch strict.segments[0].value {
                case .date, .timestamp: Issue.record("declined a valid time key '\(text)'")
                default: break
                }
            }
            return
        }
        #expect(strict?.segments.count == 1 && strict?.segments.first?.value == fast, "'\(text)'")
    }
}
