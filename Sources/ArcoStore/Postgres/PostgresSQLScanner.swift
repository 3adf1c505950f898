/// Walks SQL text the way PostgreSQL's lexer does for the parts that matter to a client:
/// string literals (`'…'`, `E'…'`), quoted identifiers (`"…"`), dollar-quoted bodies
/// (`$tag$…$tag$`) and comments (`--`, nested `/* */`). A `?` or `;` inside any of them is text,
/// not a placeholder or a statement end.
///
/// It works on UTF-8 bytes: every byte that matters is ASCII, and multi-byte characters are
/// copied through untouched.
struct PostgresSQLScanner {
    let bytes: [UInt8]

    init(_ sql: String) { bytes = Array(sql.utf8) }

    /// Calls `visit` with the index of each byte outside literals, identifiers and comments;
    /// the bytes inside them are skipped.
    func forEachCodeByte(_ visit: (Int) -> Void) {
        var index = 0
        while index < bytes.count {
            if let end = literalEnd(startingAt: index) {
                index = end
            } else {
                visit(index)
                index += 1
            }
        }
    }

    /// When a literal, quoted identifier or comment starts at `index`, the index just past it
    /// (or the text's end when it is unterminated); nil otherwise.
    func literalEnd(startingAt index: Int) -> Int? {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "'"):
            // E'…' strings allow backslash escapes; the E is code already visited.
            let escapes = index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e") && !isIdentifierByte(at: index - 2)
            return quotedEnd(from: index + 1, quote: byte, backslashEscapes: escapes)
        case UInt8(ascii: "\""):
            return quotedEnd(from: index + 1, quote: byte, backslashEscapes: false)
        case UInt8(ascii: "-") where next(index) == UInt8(ascii: "-"):
            var end = index + 2
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return end
        case UInt8(ascii: "/") where next(index) == UInt8(ascii: "*"):
            return blockCommentEnd(from: index + 2)
        case UInt8(ascii: "$"):
            return dollarQuotedEnd(startingAt: index)
        default:
            return nil
        }
    }

    private func next(_ index: Int) -> UInt8? { index + 1 < bytes.count ? bytes[index + 1] : nil }

    private func isIdentifierByte(at index: Int) -> Bool {
        guard index >= 0, index < bytes.count else { return false }
        let byte = bytes[index]
        return byte >= 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Past the closing quote; a doubled quote is an escaped one.
    private func quotedEnd(from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                index += 2
            } else if byte == quote {
                if next(index) == quote { index += 2 } else { return index + 1 }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    private func blockCommentEnd(from start: Int) -> Int {
        var depth = 1
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/") && next(index) == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*") && next(index) == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// `$tag$ … $tag$`, where the tag is empty or an identifier; `$1` (a parameter) and a `$`
    /// inside an identifier are not dollar quotes.
    private func dollarQuotedEnd(startingAt start: Int) -> Int? {
        if isIdentifierByte(at: start - 1) { return nil }
        var tagEnd = start + 1
        while tagEnd < bytes.count, bytes[tagEnd] != UInt8(ascii: "$") {
            let byte = bytes[tagEnd]
            let isTagByte = byte >= 0x80 || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (tagEnd > start + 1 && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard isTagByte else { return nil }
            tagEnd += 1
        }
        guard tagEnd < bytes.count else { return nil }
        let tag = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$") && bytes[index..<(index + tag.count)].elementsEqual(tag) {
                return index + tag.count
            }
            index += 1
        }
        return bytes.count
    }
}
