extension SelectionExpression {
    /// Whether the expression walks upstream and downstream anywhere: the closure flags of a run
    /// request's fingerprint, as Arco's `include_upstream`/`include_downstream`.
    public var closureFlags: (upstream: Bool, downstream: Bool) {
        switch self {
        case .all, .asset, .key, .tag, .group: return (false, false)
        case .sinks(let inner), .roots(let inner), .not(let inner): return inner.closureFlags
        case .upstream(let inner, _): return (true, inner.closureFlags.downstream)
        case .downstream(let inner, _): return (inner.closureFlags.upstream, true)
        case .and(let left, let right), .or(let left, let right):
            let (l, r) = (left.closureFlags, right.closureFlags)
            return (l.upstream || r.upstream, l.downstream || r.downstream)
        }
    }
}
