/// How one asset's partitions map onto the partitions of an upstream asset it reads, by
/// position in each asset's partition order (`StalenessEvaluator.upstreamReads`).
public struct UpstreamRead {
    /// The upstream asset.
    public let upstream: AssetKey
    let mapping: Mapping

    enum Mapping {
        /// The upstream asset is unpartitioned: every partition reads its one position.
        case whole
        /// Same keys on both sides (identity-like mappings within one definition): a position
        /// reads the same position; these are the downstream keys, whose nil reads nothing.
        case same([String?])
        /// Any other mapping, through the evaluation's mapper.
        case mapped((Int) -> [Int])
    }

    /// Calls `body` with each upstream position the partition at `position` reads. The common
    /// mappings allocate nothing: a plan asks this of hundreds of thousands of partitions.
    @inline(__always)
    public func forEachPosition(of position: Int, _ body: (Int) -> Void) {
        switch mapping {
        case .whole: body(0)
        case .same(let keys): if keys[position] != nil { body(position) }
        case .mapped(let positions): for upstream in positions(position) { body(upstream) }
        }
    }

    /// The upstream positions the partition at `position` reads.
    public func positions(of position: Int) -> [Int] {
        var positions: [Int] = []
        forEachPosition(of: position) { positions.append($0) }
        return positions
    }
}
