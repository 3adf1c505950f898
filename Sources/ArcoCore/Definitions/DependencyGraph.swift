/// The asset dependency graph: who feeds whom.
///
/// Edges to assets that are not declared are ignored here; the decoder reports them as unknown
/// assets. Every walk is iterative, so a long chain of assets cannot overflow the stack.
public struct DependencyGraph: Sendable, Hashable {
    /// Every declared asset key, sorted.
    public let keys: [AssetKey]
    private let upstreamEdges: [AssetKey: [AssetKey]]
    private let downstreamEdges: [AssetKey: [AssetKey]]

    /// Builds the graph of `assets`.
    public init(assets: [AssetDefinition]) {
        let declared = Set(assets.map(\.key))
        var upstream: [AssetKey: [AssetKey]] = [:]
        var downstream: [AssetKey: [AssetKey]] = [:]
        for asset in assets {
            let parents = Set(asset.upstreamKeys.filter(declared.contains)).sorted()
            upstream[asset.key, default: []] = parents
            for parent in parents { downstream[parent, default: []].append(asset.key) }
        }
        keys = declared.sorted()
        upstreamEdges = upstream
        downstreamEdges = downstream.mapValues { $0.sorted() }
    }

    /// The declared assets `key` depends on directly, sorted.
    public func upstream(of key: AssetKey) -> [AssetKey] { upstreamEdges[key] ?? [] }

    /// The declared assets that depend directly on `key`, sorted.
    public func downstream(of key: AssetKey) -> [AssetKey] { downstreamEdges[key] ?? [] }

    /// Every key with its dependencies before it; among assets that are ready at the same time
    /// the smallest key comes first, so the order is deterministic. Assets on a cycle, which
    /// validation rejects, come last in key order.
    public func topologicalOrder() -> [AssetKey] {
        var remaining = Dictionary(uniqueKeysWithValues: keys.map { ($0, upstream(of: $0).count) })
        var ready = keys.filter { remaining[$0] == 0 }
        var order: [AssetKey] = []
        order.reserveCapacity(keys.count)
        while !ready.isEmpty {
            let next = ready.removeFirst()
            order.append(next)
            for child in downstream(of: next) {
                remaining[child, default: 0] -= 1
                if remaining[child] == 0 { Self.insertSorted(child, into: &ready) }
            }
        }
        if order.count < keys.count {
            let placed = Set(order)
            order += keys.filter { !placed.contains($0) }
        }
        return order
    }

    /// The dependency cycles, each listed once in data-flow order (each asset feeds the next,
    /// and the last feeds the first), starting at its smallest key.
    ///
    /// One cycle is reported per back edge of a depth-first walk in key order: enough to name
    /// every cyclic dependency without enumerating exponentially many cycles.
    public func cycles() -> [[AssetKey]] {
        var onPath: Set<AssetKey> = []
        var finished: Set<AssetKey> = []
        var found: [[AssetKey]] = []
        var seen: Set<[AssetKey]> = []
        for root in keys where !finished.contains(root) {
            var stack: [(key: AssetKey, nextChild: Int)] = [(root, 0)]
            onPath.insert(root)
            while let top = stack.last {
                let children = downstream(of: top.key)
                guard top.nextChild < children.count else {
                    onPath.remove(top.key)
                    finished.insert(top.key)
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].nextChild += 1
                let child = children[top.nextChild]
                if onPath.contains(child) {
                    let path = stack.map(\.key)
                    guard let start = path.lastIndex(of: child) else { continue }
                    let cycle = Self.rotatedToSmallest(Array(path[start...]))
                    if seen.insert(cycle).inserted { found.append(cycle) }
                } else if !finished.contains(child) {
                    onPath.insert(child)
                    stack.append((child, 0))
                }
            }
        }
        return found
    }

    private static func rotatedToSmallest(_ cycle: [AssetKey]) -> [AssetKey] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }

    private static func insertSorted(_ key: AssetKey, into keys: inout [AssetKey]) {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        keys.insert(key, at: low)
    }
}
