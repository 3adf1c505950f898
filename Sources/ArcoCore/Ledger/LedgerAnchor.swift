/// A point of the ledger an operator keeps elsewhere: a row's sequence number and hash.
///
/// The hash chain catches an edited or removed row in the middle, but not the removal of the
/// last rows together with a matching rewrite of the projections' meta row: the shorter ledger
/// is a valid chain. An anchor written down outside the store (`arco ledger tip`) lets `arco
/// doctor --expect-tip` prove that the ledger still reaches that row, unchanged.
public struct LedgerAnchor: Sendable, Hashable, CustomStringConvertible {
    /// The row's sequence number; 0 for an empty ledger.
    public var seq: Int64
    /// The row's hash (64 lowercase hex digits); `LedgerHash.genesis` for an empty ledger.
    public var hash: String

    /// Creates an anchor.
    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// `SEQ:HASH`, the form `ledger tip` prints and `doctor --expect-tip` takes.
    public var description: String { "\(seq):\(hash)" }

    /// Why a text is not an anchor.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "'\(text)' is not a ledger tip: expected SEQ:HASH, a row number and 64 hex digits"
            }
        }
    }

    /// Parses `SEQ:HASH` (the hash in either case; it is kept lowercase).
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 0, parts[1].utf8.count == 64,
            parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0 | 0x20) })
        else { throw .malformed(text) }
        self.init(seq: seq, hash: parts[1].lowercased())
    }
}
