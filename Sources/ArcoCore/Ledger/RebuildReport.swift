/// A projection table whose live rows differ from a fresh fold of the ledger.
public struct TableDifference: Sendable, Hashable {
    /// The table.
    public var table: String
    /// Rows present live but not in the rebuilt table.
    public var onlyLive: Int64
    /// Rows present in the rebuilt table but not live.
    public var onlyRebuilt: Int64

    /// Creates a difference.
    public init(table: String, onlyLive: Int64, onlyRebuilt: Int64) {
        self.table = table
        self.onlyLive = onlyLive
        self.onlyRebuilt = onlyRebuilt
    }
}

/// What a rebuild (or a verification) found: plain values, so that commands can render a
/// report without seeing the store that produced it.
public struct RebuildReport: Sendable, Hashable {
    /// Ledger rows folded.
    public var eventsFolded: Int64
    /// Unknown event types skipped.
    public var unknownEvents: Int64
    /// Events the fold rejected.
    public var rejectedEvents: Int64
    /// Tables whose live rows differ from the rebuilt ones; computed by verification only.
    public var differences: [TableDifference]
    /// Whether the rebuilt tables replaced the live ones.
    public var swapped: Bool

    /// Creates a report.
    public init(
        eventsFolded: Int64, unknownEvents: Int64, rejectedEvents: Int64, differences: [TableDifference], swapped: Bool
    ) {
        self.eventsFolded = eventsFolded
        self.unknownEvents = unknownEvents
        self.rejectedEvents = rejectedEvents
        self.differences = differences
        self.swapped = swapped
    }
}
