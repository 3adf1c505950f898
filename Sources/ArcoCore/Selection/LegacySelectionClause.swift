/// Dagster's legacy clause (`subset_selector.parse_clause`): an optional `*` or `+…` prefix, an
/// asset name, an optional `+…` or `*` suffix. `*` is unbounded; each `+` is one level, so
/// `+b` is b and its parents, while the new grammar's `+key:b` is all its ancestors.
enum LegacySelectionClause {
    static func parse(_ text: String) -> SelectionExpression? {
        let characters = Array(text.trimmingWhitespace)
        var start = 0
        if start < characters.count, characters[start] == "*" { start += 1 }
        while start < characters.count, characters[start] == "+" { start += 1 }
        var end = characters.count
        if end > start, characters[end - 1] == "*" { end -= 1 }
        while end > start, characters[end - 1] == "+" { end -= 1 }
        guard start < end else { return nil }
        let name = characters[start..<end]
        guard name.allSatisfy(isNameCharacter) else { return nil }
        var expression = SelectionExpression.asset(AssetKey(String(name)))
        if let up = depth(characters[..<start]) { expression = .upstream(expression, depth: up) }
        if let down = depth(characters[end...]) {
            // Both directions are united around the same asset, as Dagster's clause does.
            let plain = SelectionExpression.asset(AssetKey(String(name)))
            let downstream = SelectionExpression.downstream(plain, depth: down)
            expression = expression == plain ? downstream : .or(expression, downstream)
        }
        return expression
    }

    /// nil: no traversal; `.some(nil)`: unbounded (`*`); `.some(n)`: n `+` signs.
    private static func depth(_ part: ArraySlice<Character>) -> Int?? {
        if part.isEmpty { return nil }
        if part.contains("*") { return .some(nil) }
        return .some(part.count)
    }

    /// `[./\w\d\[\]?_-]`: Python's `\w` is Unicode-aware, so any letter or digit counts.
    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "./[]?_-".contains(character)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines (no Foundation).
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
