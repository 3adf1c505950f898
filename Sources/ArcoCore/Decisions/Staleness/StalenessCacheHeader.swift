/// A cached asset's entry without its rows (ADR 0012): what a walk reads of every entry to plan
/// (`StalenessWalkPlan`) and to count a page.
public struct StalenessCacheHeader: Sendable, Hashable {
    /// `StalenessFingerprints` of the inputs the rows were computed from.
    public var fingerprint: String
    /// How many rows have each reason, then how many partitions are fresh (`StalenessCacheEntry`).
    public var counts: [Int]
    /// What a refresh of the entry starts from.
    public var refresh: StalenessRefresh.Entry

    /// Creates a header.
    public init(fingerprint: String, counts: [Int], refresh: StalenessRefresh.Entry) {
        self.fingerprint = fingerprint
        self.counts = counts
        self.refresh = refresh
    }
}
