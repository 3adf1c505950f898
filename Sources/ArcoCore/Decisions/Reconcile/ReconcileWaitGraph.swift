/// For each row of a plan, the rows it waits for: the missing or stale upstream partitions it
/// reads, as indices into the same rows. Kept as one flat list with a start per row, so a plan
/// over hundreds of thousands of partitions holds no array or cause per row.
public struct ReconcileWaitGraph: Sendable, Equatable {
    /// Where each row's waits begin in `targets`; one more entry than there are rows.
    private(set) var start: [Int] = [0]
    private(set) var targets: [Int] = []

    /// An empty graph, to which rows are added in order.
    public init() {}

    /// The number of rows added.
    public var rowCount: Int { start.count - 1 }

    /// Adds a wait to the row being built.
    public mutating func addWait(_ target: Int) { targets.append(target) }

    /// Ends the row being built: the waits added since the last call are its own.
    public mutating func endRow() { start.append(targets.count) }

    /// The rows that row `index` waits for.
    public func waits(_ index: Int) -> ArraySlice<Int> { targets[start[index]..<start[index + 1]] }

    /// The graph the rows' causes describe: for each row, the upstream partitions its
    /// `upstreamCauses` (or, when it has none, its `cause`) name as missing or stale, found among
    /// the rows by asset and display key (a partition that is not a row is not waited for).
    public init(causesOf rows: [StalenessRow]) {
        var found: [AssetKey: [String: Int]] = [:]
        for (index, row) in rows.enumerated() { found[row.asset, default: [:]][row.partition ?? ""] = index }
        for row in rows {
            func visit(_ cause: StalenessCause) {
                switch cause {
                case .upstreamStale(let asset, let partition, _), .upstreamNeverMaterialized(let asset, let partition):
                    if let index = found[asset]?[partition ?? ""] { addWait(index) }
                default: break
                }
            }
            if row.upstreamCauses.isEmpty {
                if let cause = row.cause { visit(cause) }
            } else {
                for cause in row.upstreamCauses { visit(cause) }
            }
            endRow()
        }
    }
}
