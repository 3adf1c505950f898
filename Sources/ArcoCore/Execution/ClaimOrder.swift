/// The order in which a worker tries to claim the oldest unclaimed runs.
///
/// Every worker reads the same head of the queue. Tried in queue order, all of them race for the
/// same first runs: one claim wins and each loser has spent a write transaction, serialized
/// behind every other, to learn it (8 workers on one PostgreSQL store spent most of their writes
/// so). Each worker instead starts at its own place in a window of the oldest runs and wraps
/// around, so workers mostly claim different runs at once, and the window keeps the queue close
/// to first-in, first-out: no run waits behind more than a window of younger ones.
public enum ClaimOrder {
    /// How many of the oldest unclaimed runs a worker reads to choose from, at least.
    public static let window = 32

    /// `candidates` (oldest first) rotated to start at `seed`'s place among them.
    public static func arranged<Candidate>(_ candidates: [Candidate], seed: UInt64) -> [Candidate] {
        guard candidates.count > 1 else { return candidates }
        let start = Int(seed % UInt64(candidates.count))
        return Array(candidates[start...] + candidates[..<start])
    }
}
