import ArcoCore
import Testing

@Suite struct LedgerAnchorTests {
    static let hash = String(repeating: "ab", count: 32)

    @Test("SEQ:HASH parses, keeps the hash lowercase and prints back the same text")
    func roundTrip() throws {
        let anchor = try LedgerAnchor(parsing: "42:" + Self.hash.uppercased())
        #expect(anchor == LedgerAnchor(seq: 42, hash: Self.hash))
        #expect(anchor.description == "42:" + Self.hash)
        #expect(try LedgerAnchor(parsing: "0:" + LedgerHash.genesis).seq == 0)
    }

    @Test(
        "anything but a row number and 64 hex digits is refused",
        arguments: ["", "42", ":" + hash, "-1:" + hash, "x:" + hash, "42:" + String(hash.dropLast()),
                    "42:" + hash + "0", "42:" + String(hash.dropLast()) + "g", "42:" + hash + ":1"])
    func malformed(text: String) {
        #expect(throws: LedgerAnchor.ParseError.malformed(text)) { try LedgerAnchor(parsing: text) }
    }
}
