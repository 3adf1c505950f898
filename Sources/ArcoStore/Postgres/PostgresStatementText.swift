/// The rewrites a PostgreSQL session makes to the store's SQL text before sending it.
enum PostgresStatementText {
    /// Numbers the `?` placeholders `$1, $2, …` in order, as the extended query protocol wants
    /// them; a `?` inside a literal, quoted identifier or comment stays. Also returns how many
    /// placeholders there were, so a wrong argument count is caught before the server sees it.
    static func numberingPlaceholders(_ sql: String) -> (text: String, count: Int) {
        let scanner = PostgresSQLScanner(sql)
        var positions = [Int]()
        scanner.forEachCodeByte { index in
            if scanner.bytes[index] == UInt8(ascii: "?") { positions.append(index) }
        }
        guard !positions.isEmpty else { return (sql, 0) }
        var output = [UInt8]()
        output.reserveCapacity(scanner.bytes.count + positions.count * 2)
        var copied = 0
        for (number, position) in positions.enumerated() {
            output.append(contentsOf: scanner.bytes[copied..<position])
            output.append(UInt8(ascii: "$"))
            output.append(contentsOf: String(number + 1).utf8)
            copied = position + 1
        }
        output.append(contentsOf: scanner.bytes[copied...])
        return (String(decoding: output, as: UTF8.self), positions.count)
    }

    /// Casts each numbered placeholder `$n` to `types[n-1]` (`$1::int8`), leaving those whose
    /// type is nil; a `$n` inside a literal, quoted identifier or comment stays. This is how a
    /// named statement, parsed without parameter types, declares the types an unnamed one sends
    /// in its Parse message (`PostgresPreparedStatements`).
    static func castingPlaceholders(_ text: String, types: [PostgresValueCoding.ParameterType?]) -> String {
        let scanner = PostgresSQLScanner(text)
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        var insertions = [(index: Int, cast: String)]()
        var skipUntil = 0
        scanner.forEachCodeByte { index in
            guard index >= skipUntil, scanner.bytes[index] == UInt8(ascii: "$") else { return }
            var end = index + 1
            while end < scanner.bytes.count, isDigit(scanner.bytes[end]) { end += 1 }
            skipUntil = end
            guard end > index + 1, let number = Int(String(decoding: scanner.bytes[(index + 1)..<end], as: UTF8.self)),
                number >= 1, number <= types.count, let type = types[number - 1]
            else { return }
            insertions.append((end, "::" + type.rawValue))
        }
        guard !insertions.isEmpty else { return text }
        var output = [UInt8]()
        output.reserveCapacity(scanner.bytes.count + insertions.count * 7)
        var copied = 0
        for insertion in insertions {
            output.append(contentsOf: scanner.bytes[copied..<insertion.index])
            output.append(contentsOf: insertion.cast.utf8)
            copied = insertion.index
        }
        output.append(contentsOf: scanner.bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits a script at the semicolons that end statements, dropping empty statements.
    ///
    /// PostgresNIO speaks only the extended query protocol, which takes one statement per
    /// message, so a script runs as its statements in turn (not in one implicit transaction, as
    /// the simple protocol would: callers that need atomicity wrap the script in BEGIN/COMMIT).
    /// Not split correctly: SQL-standard function bodies (`BEGIN ATOMIC … END`), whose inner
    /// semicolons only the server's grammar can tell apart; the store's schema uses none.
    static func statements(_ script: String) -> [String] {
        let scanner = PostgresSQLScanner(script)
        var ends = [Int]()
        scanner.forEachCodeByte { index in
            if scanner.bytes[index] == UInt8(ascii: ";") { ends.append(index) }
        }
        ends.append(scanner.bytes.count)
        var statements = [String]()
        var start = 0
        for end in ends {
            let text = String(decoding: scanner.bytes[start..<end], as: UTF8.self)
            if containsCode(text) { statements.append(text.trimmingWhitespace()) }
            start = end + 1
        }
        return statements
    }

    /// Whether `text` holds anything besides whitespace and comments.
    private static func containsCode(_ text: String) -> Bool {
        let scanner = PostgresSQLScanner(text)
        var found = false
        var index = 0
        while index < scanner.bytes.count, !found {
            let byte = scanner.bytes[index]
            let isComment = (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")) && scanner.literalEnd(startingAt: index) != nil
            if isComment {
                index = scanner.literalEnd(startingAt: index) ?? scanner.bytes.count
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
            } else {
                found = true
            }
        }
        return found
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let bytes = Array(utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
