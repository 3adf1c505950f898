/// Dagster's partition health bar in text: an asset's partitions in order, squeezed into a
/// fixed number of cells, each showing the most pressing state among the partitions it covers
/// (failed, then in progress, then missing, then materialized), so one failed day in ten years
/// still shows.
public enum PartitionHealthBar {
    /// The state of each cell, at most `width` cells (fewer when there are fewer partitions).
    /// - Complexity: O(ranges + width), whatever the number of partitions.
    public static func cells(_ ranges: [PartitionStatusSummary.Range], total: Int, width: Int) -> [PartitionState] {
        let count = min(max(width, 0), total)
        guard count > 0 else { return [] }
        var cells = [PartitionState]()
        cells.reserveCapacity(count)
        var rangeIndex = 0
        // Partitions before the current range.
        var rangeStart = 0
        for cell in 0..<count {
            // The cell covers partitions [lower, upper): an even share, the remainder spread.
            let lower = cell * total / count
            let upper = (cell + 1) * total / count
            var worst: PartitionState?
            while rangeIndex < ranges.count {
                let range = ranges[rangeIndex]
                let rangeEnd = rangeStart + range.count
                if rangeEnd > lower, rangeStart < upper, worst.map({ rank(range.state) > rank($0) }) ?? true {
                    worst = range.state
                }
                // A range reaching past this cell is looked at again by the next one.
                guard rangeEnd <= upper else { break }
                rangeStart = rangeEnd
                rangeIndex += 1
            }
            cells.append(worst ?? .missing)
        }
        return cells
    }

    /// The character a state is drawn with: shapes that read without colour.
    public static func symbol(_ state: PartitionState) -> Character {
        switch state {
        case .materialized: "#"
        case .failed: "x"
        case .inProgress: ">"
        case .missing: "."
        }
    }

    private static func rank(_ state: PartitionState) -> Int {
        switch state {
        case .failed: 3
        case .inProgress: 2
        case .missing: 1
        case .materialized: 0
        }
    }
}
