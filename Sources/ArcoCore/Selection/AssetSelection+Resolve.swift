extension AssetSelection {
    /// The selected assets in dependency order (ties by key).
    ///
    /// - Throws: `SelectionError.unknownAsset` for a name or exact `key:` that is no asset (with
    ///   the nearest names), `.empty` when nothing is selected.
    public func resolve(in definitions: WorkspaceDefinitions) throws(SelectionError) -> [AssetKey] {
        let graph = DependencyGraph(assets: definitions.assets)
        let resolver = SelectionResolver(definitions: definitions, graph: graph)
        let selected = try resolver.evaluate(expression)
        guard !selected.isEmpty else { throw .empty(text) }
        return graph.topologicalOrder().filter(selected.contains)
    }
}

/// Evaluates a selection tree against the definitions: sets of keys, walked iteratively.
public struct SelectionResolver {
    let definitions: WorkspaceDefinitions
    let graph: DependencyGraph

    func evaluate(_ expression: SelectionExpression) throws(SelectionError) -> Set<AssetKey> {
        let everything = Set(graph.keys)
        switch expression {
        case .all:
            return everything
        case .asset(let key):
            guard everything.contains(key) else { throw unknown(key.rawValue) }
            return [key]
        case .key(let pattern):
            let wildcard = WildcardPattern(pattern)
            if wildcard.isExact {
                guard everything.contains(AssetKey(pattern)) else { throw unknown(pattern) }
                return [AssetKey(pattern)]
            }
            return everything.filter { wildcard.matches($0.rawValue) }
        case .tag(let key, let value):
            return Set(definitions.assets.filter { $0.tags[key] == value }.map(\.key))
        case .group(let pattern):
            let wildcard = WildcardPattern(pattern)
            return Set(definitions.assets.filter { wildcard.matches($0.group) }.map(\.key))
        case .sinks(let inner):
            // Dagster's `fetch_sinks` looks at every descendant, not just the children: on a→b→c,
            // `sinks(key:a or key:c)` is {c} because c descends from a.
            let members = try evaluate(inner)
            return members.filter { walk(from: [$0], depth: nil, next: graph.downstream(of:)).isDisjoint(with: members.subtracting([$0])) }
        case .roots(let inner):
            let members = try evaluate(inner)
            return members.filter { walk(from: [$0], depth: nil, next: graph.upstream(of:)).isDisjoint(with: members.subtracting([$0])) }
        case .upstream(let inner, let depth):
            return walk(from: try evaluate(inner), depth: depth, next: graph.upstream(of:))
        case .downstream(let inner, let depth):
            return walk(from: try evaluate(inner), depth: depth, next: graph.downstream(of:))
        case .not(let inner):
            return everything.subtracting(try evaluate(inner))
        case .and(let left, let right):
            return try evaluate(left).intersection(try evaluate(right))
        case .or(let left, let right):
            return try evaluate(left).union(try evaluate(right))
        }
    }

    /// The start set plus everything within `depth` steps along `next` (unbounded when nil).
    private func walk(from start: Set<AssetKey>, depth: Int?, next: (AssetKey) -> [AssetKey]) -> Set<AssetKey> {
        var seen = start
        var frontier = Array(start)
        var level = 0
        while !frontier.isEmpty, depth.map({ level < $0 }) ?? true {
            var following = [AssetKey]()
            for key in frontier {
                for neighbour in next(key) where seen.insert(neighbour).inserted { following.append(neighbour) }
            }
            frontier = following
            level += 1
        }
        return seen
    }

    private func unknown(_ name: String) -> SelectionError {
        .unknownAsset(name, nearest: Self.nearest(to: name, in: graph.keys.map(\.rawValue)))
    }

    /// Up to three names by edit distance (ties by name), counting only plausible typos.
    public static func nearest(to name: String, in candidates: [String]) -> [String] {
        let limit = max(2, name.count / 3)
        return candidates
            .map { (name: $0, distance: NameSuggestion.editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.distance <= limit || $0.name.hasPrefix(name) || name.hasPrefix($0.name) }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .prefix(3).map(\.name)
    }
}
