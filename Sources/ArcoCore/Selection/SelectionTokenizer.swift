/// The tokens of Dagster's selection grammar (`AssetSelection.g4`), cut the way its lexer
/// cuts them: the longest match wins, and on a tie the rule written first (so `and` is a
/// keyword, `*` alone is STAR, `*_raw` a wildcard string). Whitespace separates tokens.
enum SelectionToken: Sendable, Hashable {
    case and, or, not, star, plus, colon, leftParen, rightParen, comma, equal
    case digits(Int)
    case keyword(String)
    case quoted(String)
    case unquoted(String)
    case wildcard(String)
}

enum SelectionTokenizer {
    /// The attribute and function names the grammar reserves.
    static let keywords: Set<String> = [
        "key", "owner", "group", "tag", "kind", "code_location", "column", "table_name", "column_tag",
        "changed_in_branch", "sinks", "roots", "is", "partitions", "sensor", "schedule", "job", "status",
        "automation_type",
    ]

    /// The tokens of `text`, or nil when a character belongs to no token (the text may still be
    /// a legacy clause).
    static func tokens(_ text: String) -> [SelectionToken]? {
        let characters = Array(text)
        var tokens = [SelectionToken]()
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case " ", "\t", "\r", "\n": index += 1; continue
            case "+": tokens.append(.plus)
            case ":": tokens.append(.colon)
            case "(": tokens.append(.leftParen)
            case ")": tokens.append(.rightParen)
            case ",": tokens.append(.comma)
            case "=": tokens.append(.equal)
            case "\"":
                guard let close = characters[(index + 1)...].firstIndex(where: { "\"\\\r\n".contains($0) }),
                    characters[close] == "\""
                else { return nil }
                tokens.append(.quoted(String(characters[(index + 1)..<close])))
                index = close + 1
                continue
            case "0"..."9":
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                guard let value = Int(String(characters[index..<end])) else { return nil }
                tokens.append(.digits(value))
                index = end
                continue
            default:
                guard isWordStart(character) || character == "*" else { return nil }
                // The longest wildcard-string run; a plain string when it holds no `*`.
                var end = index + 1
                while end < characters.count, isWordPart(characters[end]) || characters[end] == "*" { end += 1 }
                let word = String(characters[index..<end])
                index = end
                if word == "*" {
                    tokens.append(.star)
                } else if word.contains("*") {
                    tokens.append(.wildcard(word))
                } else if word == "and" || word == "AND" {
                    tokens.append(.and)
                } else if word == "or" || word == "OR" {
                    tokens.append(.or)
                } else if word == "not" || word == "NOT" {
                    tokens.append(.not)
                } else if keywords.contains(word) {
                    tokens.append(.keyword(word))
                } else {
                    tokens.append(.unquoted(word))
                }
                continue
            }
            index += 1
        }
        return tokens
    }

    private static func isWordStart(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && character.isLetter)
    }

    private static func isWordPart(_ character: Character) -> Bool {
        isWordStart(character) || character == "/" || (character.isASCII && character.isNumber)
    }
}
