/// A parsed asset selection: Dagster's selection syntax as a tree, before it meets the
/// definitions. `AssetSelection.parse` builds it; `AssetSelection.resolve` evaluates it.
public indirect enum SelectionExpression: Sendable, Hashable {
    /// `*`: every asset.
    case all
    /// A bare legacy name (`raw_orders`): exactly this asset, which must exist.
    case asset(AssetKey)
    /// `key:pattern`; `*` in the pattern matches any run of characters, `/` included. A pattern
    /// without `*` names one asset, which must exist.
    case key(String)
    /// `tag:k` (the tag with an empty value, as Dagster labels are) or `tag:k=v`.
    case tag(key: String, value: String)
    /// `group:pattern`, with `*` wildcards.
    case group(String)
    /// `sinks(expr)`: the members of `expr` with nothing downstream of them inside `expr`.
    case sinks(SelectionExpression)
    /// `roots(expr)`: the members of `expr` with nothing upstream of them inside `expr`.
    case roots(SelectionExpression)
    /// The expression plus its ancestors up to `depth` levels (nil: all of them).
    case upstream(SelectionExpression, depth: Int?)
    /// The expression plus its descendants up to `depth` levels (nil: all of them).
    case downstream(SelectionExpression, depth: Int?)
    /// Every asset not in the expression.
    case not(SelectionExpression)
    /// Assets in both.
    case and(SelectionExpression, SelectionExpression)
    /// Assets in either.
    case or(SelectionExpression, SelectionExpression)
}
