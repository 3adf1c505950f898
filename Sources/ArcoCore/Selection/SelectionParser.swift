/// A recursive-descent reading of Dagster's new selection grammar (`AssetSelection.g4`).
///
/// Precedence follows the grammar's order of alternatives: traversals bind tightest, then
/// `not`, then `and`, then `or`; `not a and b` is `(not a) and b`. A bare name is not part of
/// this grammar (it is a legacy clause), which is why `a+` and `key:a+` differ.
struct SelectionParser {
    private let tokens: [SelectionToken]
    private var position = 0

    /// The expression, nil when the text is not in the new grammar, or an error for an
    /// attribute arco's assets do not have.
    static func parse(_ text: String) throws(SelectionError) -> SelectionExpression? {
        guard let tokens = SelectionTokenizer.tokens(text), !tokens.isEmpty else { return nil }
        var parser = SelectionParser(tokens: tokens)
        guard let expression = try parser.orExpression(), parser.position == tokens.count else { return nil }
        return expression
    }

    private init(tokens: [SelectionToken]) { self.tokens = tokens }

    private var next: SelectionToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func take(_ token: SelectionToken) -> Bool {
        guard next == token else { return false }
        position += 1
        return true
    }

    private mutating func orExpression() throws(SelectionError) -> SelectionExpression? {
        guard var left = try andExpression() else { return nil }
        while take(.or) {
            guard let right = try andExpression() else { return nil }
            left = .or(left, right)
        }
        return left
    }

    private mutating func andExpression() throws(SelectionError) -> SelectionExpression? {
        guard var left = try notExpression() else { return nil }
        while take(.and) {
            guard let right = try notExpression() else { return nil }
            left = .and(left, right)
        }
        return left
    }

    private mutating func notExpression() throws(SelectionError) -> SelectionExpression? {
        if take(.not) { return try notExpression().map { .not($0) } }
        if take(.star) { return .all }
        return try traversal()
    }

    /// `[N]+ term [+[N]]`, `term`, with the up and down parts united (Dagster's `A+term+B`).
    private mutating func traversal() throws(SelectionError) -> SelectionExpression? {
        var up: Int?? = nil
        if case .digits(let depth) = next, position + 1 < tokens.count, tokens[position + 1] == .plus {
            position += 2
            up = .some(depth)
        } else if take(.plus) {
            up = .some(nil)
        }
        guard let term = try traversalAllowed() else { return nil }
        var down: Int?? = nil
        if take(.plus) {
            if case .digits(let depth) = next {
                position += 1
                down = .some(depth)
            } else {
                down = .some(nil)
            }
        }
        switch (up, down) {
        case (nil, nil): return term
        case (.some(let upDepth), nil): return .upstream(term, depth: upDepth)
        case (nil, .some(let downDepth)): return .downstream(term, depth: downDepth)
        case (.some(let upDepth), .some(let downDepth)):
            return .or(.upstream(term, depth: upDepth), .downstream(term, depth: downDepth))
        }
    }

    private mutating func traversalAllowed() throws(SelectionError) -> SelectionExpression? {
        if take(.leftParen) {
            guard let inner = try orExpression(), take(.rightParen) else { return nil }
            return inner
        }
        guard case .keyword(let name) = next else { return nil }
        position += 1
        if name == "sinks" || name == "roots" {
            guard take(.leftParen), let inner = try orExpression(), take(.rightParen) else { return nil }
            return name == "sinks" ? .sinks(inner) : .roots(inner)
        }
        guard take(.colon) else { return nil }
        switch name {
        case "key":
            guard let value = value(allowingWildcards: true) else { return nil }
            return .key(value)
        case "group":
            guard let value = value(allowingWildcards: true) else { return nil }
            return .group(value)
        case "tag":
            guard let key = value(allowingWildcards: false) else { return nil }
            guard take(.equal) else { return .tag(key: key, value: "") }
            guard let tagValue = value(allowingWildcards: false) else { return nil }
            return .tag(key: key, value: tagValue)
        default:
            // `owner:`, `kind:`, `column:` … parse in Dagster, but arco's assets have none.
            throw .unsupportedAttribute(name)
        }
    }

    private mutating func value(allowingWildcards: Bool) -> String? {
        switch next {
        case .quoted(let text), .unquoted(let text):
            position += 1
            return text
        case .wildcard(let text) where allowingWildcards:
            position += 1
            return text
        case .star where allowingWildcards:
            // Dagster's lexer makes a lone `*` the STAR token, so `key:*` fails to parse there;
            // accepting it changes no selection Dagster accepts (ADR 0008).
            position += 1
            return "*"
        default:
            return nil
        }
    }
}
