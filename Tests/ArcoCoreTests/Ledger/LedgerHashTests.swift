import ArcoCore
import Foundation
import ArcoTesting
import Testing

@Suite struct LedgerHashTests {
    static func ledger() -> [LedgerRow] {
        var builder = LedgerBuilder()
        var generator = EventSequenceGenerator(seed: 7)
        builder.append(generator.drafts(runs: 10))
        return builder.rows
    }

    @Test("an untouched chain verifies")
    func intact() {
        var verifier = LedgerHash.Verifier()
        for row in Self.ledger() { #expect(verifier.check(row) == nil) }
    }

    @Test("editing any column of any row breaks the chain at that row")
    func editsAreDetected() {
        let rows = Self.ledger()
        let edits: [(inout LedgerRow) -> Void] = [
            // One character more, whatever the event is: the payload is hashed as written.
            { $0.payload += " " },
            { $0.type = "RunStarted" }, { $0.version = 2 }, { $0.idempotencyKey = "forged" },
            { $0.recordedAtText = "1970-01-01T00:00:00.000000Z" }, { $0.correlationID = ($0.correlationID ?? "") + "x" },
            // The same instant written differently is still an edit.
            { $0.recordedAtText = $0.recordedAtText.replacingOccurrences(of: "T", with: " ") },
            { $0.causationID = "evt-x" }, { $0.eventID = "evt-forged" },
        ]
        for (index, edit) in edits.enumerated() {
            var copy = rows
            let target = 3 + index
            edit(&copy[target])
            var verifier = LedgerHash.Verifier()
            let broken = copy.lazy.compactMap { verifier.check($0) }.first
            #expect(broken?.seq == copy[target].seq, "edit \(index)")
        }
    }

    @Test("deleting or reordering rows breaks the chain")
    func gapsAreDetected() {
        var rows = Self.ledger()
        rows.remove(at: 4)
        var verifier = LedgerHash.Verifier()
        #expect(rows.lazy.compactMap { verifier.check($0) }.first?.seq == 6)
        var swapped = Self.ledger()
        swapped.swapAt(2, 3)
        var second = LedgerHash.Verifier()
        #expect(swapped.lazy.compactMap { second.check($0) }.first != nil)
    }

    @Test("nil and empty optional columns hash differently")
    func nilIsNotEmpty() {
        var row = LedgerRow(
            seq: 1, eventID: "e", type: "T", version: 1, recordedAt: Timestamp(secondsSinceEpoch: 0),
            idempotencyKey: "k", correlationID: nil, causationID: nil, payload: "{}", hash: "")
        let withNil = LedgerHash.compute(previous: LedgerHash.genesis, row: row)
        row.correlationID = ""
        #expect(LedgerHash.compute(previous: LedgerHash.genesis, row: row) != withNil)
    }
}
