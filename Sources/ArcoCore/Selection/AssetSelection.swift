/// An asset selection as an operator types it (`raw_orders+`, `key:raw_* or tag:tier=gold`),
/// read and resolved in Dagster's order (`AssetSelection.from_string`).
public struct AssetSelection: Sendable, Hashable {
    /// The text as given.
    public let text: String
    /// The parsed expression; comma-separated pieces are united.
    public let expression: SelectionExpression

    /// Parses a selection. Commas separate pieces, as Dagster's CLI splits `--select` on them
    /// before parsing, so a comma never appears inside one expression. Each piece is read by
    /// the new grammar first; failing that, a bare `*` is every asset; then a legacy clause;
    /// then a legacy `tag:k=v`.
    public static func parse(_ text: String) throws(SelectionError) -> AssetSelection {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map { String(String($0).trimmingWhitespace) }
        guard !pieces.isEmpty, !pieces.contains(where: \.isEmpty) else { throw .invalid(text) }
        var united: SelectionExpression?
        for piece in pieces {
            let expression = try parsePiece(piece)
            united = united.map { .or($0, expression) } ?? expression
        }
        guard let united else { throw .invalid(text) }
        return AssetSelection(text: text, expression: united)
    }

    /// Several selections united (repeated `--select`), in the order given.
    public static func parse(_ texts: [String]) throws(SelectionError) -> AssetSelection {
        guard let first = texts.first else { throw .invalid("") }
        var expression = try parse(first).expression
        for text in texts.dropFirst() { expression = .or(expression, try parse(text).expression) }
        return AssetSelection(text: texts.joined(separator: ","), expression: expression)
    }

    private static func parsePiece(_ piece: String) throws(SelectionError) -> SelectionExpression {
        if let expression = try SelectionParser.parse(piece) { return expression }
        if piece == "*" { return .all }
        if let clause = LegacySelectionClause.parse(piece) { return clause }
        if piece.hasPrefix("tag:") {
            let pair = piece.dropFirst(4)
            guard !pair.isEmpty else { throw .invalid(piece) }
            // Dagster splits on every '=' and unpacks two values, so `tag:a=b=c` is an error there.
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw .invalid(piece) }
            return .tag(key: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
        throw .invalid(piece)
    }

    init(text: String, expression: SelectionExpression) {
        self.text = text
        self.expression = expression
    }
}
