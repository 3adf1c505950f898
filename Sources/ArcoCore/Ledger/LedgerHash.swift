/// The ledger's integrity chain: each row's hash covers every other column of the row and the
/// previous row's hash, so editing, deleting or reordering any row breaks every later link.
public enum LedgerHash {
    /// The "previous hash" of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    /// Computes a row's hash. Each field is length-prefixed so that no two different rows
    /// serialise to the same bytes; `nil` is distinguished from the empty string.
    public static func compute(previous: String, row: LedgerRow) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(row.payload.utf8.count + 256)
        func field(_ text: String?) {
            guard let text else {
                bytes.append(contentsOf: "-;".utf8)
                return
            }
            bytes.append(contentsOf: String(text.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: ";"))
        }
        field(previous)
        field(String(row.seq))
        field(row.eventID.rawValue)
        field(row.type)
        field(String(row.version))
        field(row.recordedAtText)
        field(row.idempotencyKey.rawValue)
        field(row.correlationID)
        field(row.causationID?.rawValue)
        field(row.payload)
        return SHA256Hex.digest(bytes: bytes)
    }

    /// Where a chain is broken.
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        /// The first row whose hash does not match.
        public var seq: Int64
        /// Why.
        public var reason: String
        public var description: String { "ledger row \(seq): \(reason)" }

        /// Creates a break record.
        public init(seq: Int64, reason: String) {
            self.seq = seq
            self.reason = reason
        }
    }

    /// Checks rows in order against the chain; streaming callers keep the returned state.
    public struct Verifier: Sendable {
        /// The hash the next row must chain from.
        public private(set) var previousHash = LedgerHash.genesis
        /// The sequence number the next row must have.
        public private(set) var expectedSeq: Int64 = 1

        /// Starts a verifier at the beginning of a ledger.
        public init() {}

        /// Checks the next row; returns the first break found.
        public mutating func check(_ row: LedgerRow) -> Break? {
            guard row.seq == expectedSeq else {
                return Break(seq: row.seq, reason: "expected sequence number \(expectedSeq)")
            }
            let expected = LedgerHash.compute(previous: previousHash, row: row)
            guard expected == row.hash else {
                return Break(seq: row.seq, reason: "hash mismatch: the row was edited or damaged")
            }
            previousHash = row.hash
            expectedSeq += 1
            return nil
        }
    }
}
