/// Which ledger rows to list: a query the store answers and `arco events` describes.
public struct EventFilter: Sendable, Hashable {
    /// Only rows after this sequence number.
    public var afterSeq: Int64
    /// Only rows of these stored types (any, when empty).
    public var types: [String]
    /// Only rows correlated with this run.
    public var runID: RunID?
    /// At most this many rows.
    public var limit: Int?

    /// Creates a filter.
    public init(afterSeq: Int64 = 0, types: [String] = [], runID: RunID? = nil, limit: Int? = nil) {
        self.afterSeq = afterSeq
        self.types = types
        self.runID = runID
        self.limit = limit
    }
}
