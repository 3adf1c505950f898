/// One of the store's single-row `INSERT INTO t (cols) VALUES (…) [ON CONFLICT …]` statements,
/// taken apart so that many of its rows can be sent as one multi-row INSERT.
///
/// Only the VALUES tuple holds placeholders; the rest of the text is repeated once per
/// statement, the tuple once per row. Values are always bound, never written into the text, so
/// no value can change what a statement does. See docs/adr/0023-postgres-store.md, "Batched writes".
struct PostgresInsertTemplate {
    /// The statement as the store wrote it.
    let text: String
    /// The table as named in the text (`runs`, or `scratch.runs` while a rebuild folds).
    let table: String
    /// Everything before the VALUES tuple (`INSERT INTO t (cols) VALUES `).
    let head: String
    /// The tuple's text between its placeholders: one more piece than there are placeholders.
    let tuplePieces: [String]
    /// Everything after the tuple (`ON CONFLICT …`), possibly empty.
    let tail: String
    /// For an `ON CONFLICT (…) DO UPDATE`: which arguments hold the conflict key. Two rows with
    /// one key cannot share a multi-row upsert (PostgreSQL refuses to update a row twice in one
    /// statement), so such a row starts the next statement. Nil when the statement updates nothing.
    let conflictKeyArguments: [Int]?
    /// The columns, when every element of the tuple is a bare placeholder and every column a
    /// plain name: many rows can then go as one JSON argument (`recordsetHead`).
    let columns: [String]?

    var argumentCount: Int { tuplePieces.count - 1 }

    /// The template of `sql`, or nil when it is not a single-row INSERT of that shape (it is then
    /// sent on its own, as written).
    init?(_ sql: String) {
        let scanner = PostgresSQLScanner(sql)
        var code = [Int]()
        scanner.forEachCodeByte { code.append($0) }
        let bytes = scanner.bytes
        guard sql.hasPrefix("INSERT INTO "), let tableEnd = bytes[12...].firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "(") })
        else { return nil }
        guard let valuesAt = Self.find(Array(" VALUES (".utf8), in: bytes), let tupleEnd = Self.closingParenthesis(of: valuesAt + 8, code: code, bytes: bytes)
        else { return nil }
        let tupleStart = valuesAt + 8
        let placeholders = code.filter { bytes[$0] == UInt8(ascii: "?") }
        // A placeholder outside the tuple would have to be bound once per statement, not per row.
        guard placeholders.allSatisfy({ $0 > tupleStart && $0 < tupleEnd }) else { return nil }
        var pieces = [String]()
        var copied = tupleStart
        for position in placeholders {
            pieces.append(String(decoding: bytes[copied..<position], as: UTF8.self))
            copied = position + 1
        }
        pieces.append(String(decoding: bytes[copied...tupleEnd], as: UTF8.self))
        let tail = String(decoding: bytes[(tupleEnd + 1)...], as: UTF8.self)
        self.text = sql
        self.table = String(decoding: bytes[12..<tableEnd], as: UTF8.self)
        self.head = String(decoding: bytes[..<tupleStart], as: UTF8.self)
        self.tuplePieces = pieces
        self.tail = tail
        let elements = Self.elements(of: tupleStart, to: tupleEnd, code: code, bytes: bytes)
        let columns = Self.columnNames(head)
        self.columns =
            elements.allSatisfy(\.isPlaceholder) && columns.count == elements.count
                && columns.allSatisfy(PostgresLocation.isPlainIdentifier) ? columns : nil
        guard tail.contains("DO UPDATE") else {
            self.conflictKeyArguments = nil
            return
        }
        guard let keys = Self.conflictKeyArguments(head: head, elements: elements, tail: tail) else { return nil }
        self.conflictKeyArguments = keys
    }

    /// The INSERT of many rows from one JSON array of objects keyed by column name, up to the
    /// argument's placeholder: `INSERT INTO t ("a", "b") SELECT "a", "b" FROM json_populate_recordset(
    /// NULL::t, `. The server converts each value with the column type's own input function, as
    /// it does a bound text value; the statement's text no longer grows with its rows, so the
    /// server parses and plans it once per connection (ADR 0023, "Batched writes"). A json or
    /// jsonb column would take the JSON value itself rather than parse a text one; the schema has
    /// none (PostgresMigrations: BIGINT, TEXT and BYTEA only).
    var recordsetHead: String? {
        guard let columns else { return nil }
        // Quoted: a plain name may still be a keyword (`position`) in a select list.
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(list)) SELECT \(list) FROM json_populate_recordset(NULL::\(table), "
    }

    /// The column names of `INSERT INTO t (a, b) VALUES `, unquoted.
    private static func columnNames(_ head: String) -> [String] {
        guard let open = head.firstIndex(of: "("), let close = head[open...].firstIndex(of: ")") else { return [] }
        return head[head.index(after: open)..<close].split(separator: ",").map { String($0.filter { $0 != " " && $0 != "\"" }) }
    }

    /// The argument positions of the `ON CONFLICT (a, b)` columns; nil when a key column is an
    /// expression over a placeholder (the statement then is not coalesced).
    private static func conflictKeyArguments(head: String, elements: [Element], tail: String) -> [Int]? {
        guard let open = head.firstIndex(of: "("), let close = head[open...].firstIndex(of: ")"),
            let conflictOpen = tail.firstIndex(of: "("), let conflictClose = tail[conflictOpen...].firstIndex(of: ")")
        else { return nil }
        let names: (Substring) -> [String] = { $0.split(separator: ",").map { String($0.filter { $0 != " " && $0 != "\"" }) } }
        let columns = names(head[head.index(after: open)..<close])
        guard columns.count == elements.count else { return nil }
        var keys = [Int]()
        for key in names(tail[tail.index(after: conflictOpen)..<conflictClose]) {
            guard let column = columns.firstIndex(of: key) else { return nil }
            // A constant key column (`id = 1`) is the same in every row: only the others tell
            // rows apart, and with none left every row has the same key.
            if elements[column].placeholders == 0 { continue }
            guard elements[column].isPlaceholder else { return nil }
            keys.append(elements[..<column].reduce(0) { $0 + $1.placeholders })
        }
        return keys
    }

    /// One comma-separated expression of the VALUES tuple.
    private struct Element {
        var placeholders = 0
        var isPlaceholder = false
    }

    /// The tuple's top-level elements, read from code bytes only (a literal may hold commas).
    private static func elements(of open: Int, to close: Int, code: [Int], bytes: [UInt8]) -> [Element] {
        var elements = [Element()]
        var depth = 0
        var significant = [UInt8]()
        for index in code where index > open && index < close {
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth -= 1 }
            if byte == UInt8(ascii: ","), depth == 0 {
                elements[elements.count - 1].isPlaceholder = significant == [UInt8(ascii: "?")]
                elements.append(Element())
                significant.removeAll()
                continue
            }
            if byte == UInt8(ascii: "?") { elements[elements.count - 1].placeholders += 1 }
            if byte != 0x20 { significant.append(byte) }
        }
        elements[elements.count - 1].isPlaceholder = significant == [UInt8(ascii: "?")]
        return elements
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// The index of the `)` closing the parenthesis at `open`, counting only code bytes.
    private static func closingParenthesis(of open: Int, code: [Int], bytes: [UInt8]) -> Int? {
        var depth = 0
        for index in code where index >= open {
            if bytes[index] == UInt8(ascii: "(") { depth += 1 }
            if bytes[index] == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}
