import ArcoCore
import Testing

@Suite struct ULIDTests {
    @Test("ULIDs are 26 Crockford base-32 characters and sort by their millisecond")
    func format() {
        let early = ULID.format(milliseconds: 1_700_000_000_000, entropyHigh: .max, entropyLow: .max)
        let late = ULID.format(milliseconds: 1_700_000_000_001, entropyHigh: 0, entropyLow: 0)
        #expect(early.count == 26)
        #expect(early < late)
        let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        #expect(early.allSatisfy { alphabet.contains($0) })
        #expect(ULID.format(milliseconds: 0, entropyHigh: 0, entropyLow: 0) == String(repeating: "0", count: 26))
        #expect(ULID.format(milliseconds: 0, entropyHigh: 0, entropyLow: 1).hasSuffix("01"))
    }

    @Test("every entropy bit reaches the output")
    func entropyBits() {
        var seen = Set<String>()
        for bit in 0..<64 { seen.insert(ULID.format(milliseconds: 0, entropyHigh: 0, entropyLow: 1 << UInt64(bit))) }
        for bit in 0..<16 { seen.insert(ULID.format(milliseconds: 0, entropyHigh: 1 << UInt16(bit), entropyLow: 0)) }
        #expect(seen.count == 80)
    }
}
