import ArcoCore

/// The writes a PostgreSQL session holds back until something needs them sent, and how they
/// are packed into as few statements as possible.
///
/// Each statement costs one round trip (PostgresNIO sends one extended-protocol query at a time
/// and has no simple-query message, so `;`-separated scripts cannot go in one message). So:
/// consecutive rows of one INSERT text become one multi-row INSERT, and INSERTs into different
/// tables share one statement as data-modifying CTEs (`WITH w1 AS (INSERT …) INSERT …`). Order
/// between tables does not matter because the schema has no foreign keys, triggers or views
/// (PostgresMigrations); order within a table is kept, since a table appears at most once per
/// statement and its parts go out in the order they were written. Every value is bound.
struct PostgresDeferredWrites {
    /// One statement ready to send.
    struct Statement {
        var text: String
        var arguments: [SQLValue]
        /// The first store statement inside it, for error messages.
        var summary: String
    }

    /// PostgreSQL's Bind message counts parameters in 16 bits.
    static let argumentsPerStatementMax = 65_535

    private typealias Write = (template: PostgresInsertTemplate, arguments: [SQLValue])
    private var pending = [Write]()
    /// The last component of each pending table's name, for `mayBeRead(by:)`.
    private var tableNames = Set<Substring>()

    var isEmpty: Bool { pending.isEmpty }

    mutating func append(_ template: PostgresInsertTemplate, _ arguments: [SQLValue]) {
        precondition(
            arguments.count == template.argumentCount,
            "statement has \(template.argumentCount) placeholders but \(arguments.count) arguments: \(template.text)")
        pending.append((template, arguments))
        tableNames.insert(template.table.split(separator: ".").last ?? Substring(template.table))
    }

    mutating func removeAll() {
        pending.removeAll(keepingCapacity: true)
        tableNames.removeAll(keepingCapacity: true)
    }

    /// Whether `sql` names a table with pending writes, as a whole word anywhere in its text.
    /// Reads of other tables cannot see those writes (no views or functions read across tables),
    /// so they run without sending them first; a false match only costs an early send.
    func mayBeRead(by sql: String) -> Bool {
        !tablesNamed(in: sql).isEmpty
    }

    /// The pending tables' last name components that `sql` names as whole words.
    private func tablesNamed(in sql: String) -> Set<Substring> {
        var named = Set<Substring>()
        guard !tableNames.isEmpty else { return named }
        let bytes = Array(sql.utf8)
        let isWordByte: (UInt8) -> Bool = { $0 == UInt8(ascii: "_") || $0 >= 0x80 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        var start = 0
        while start < bytes.count {
            guard isWordByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            let word = Substring(String(decoding: bytes[start..<end], as: UTF8.self))
            if tableNames.contains(word) { named.insert(word) }
            start = end
        }
        return named
    }

    /// Removes the pending writes to the tables `sql` names (every pending write when nil) and
    /// returns them as statements. The writes left behind are to other tables, so sending them
    /// later keeps every table's writes in order.
    mutating func take(readBy sql: String? = nil) -> [Statement] {
        guard let sql else {
            defer { removeAll() }
            return Self.statements(pending)
        }
        let named = tablesNamed(in: sql)
        guard !named.isEmpty else { return [] }
        let isNamed: (Write) -> Bool = { named.contains($0.template.table.split(separator: ".").last ?? Substring($0.template.table)) }
        let taken = pending.filter(isNamed)
        pending.removeAll(where: isNamed)
        tableNames.subtract(named)
        return Self.statements(taken)
    }

    /// The pending writes as statements (tests).
    func statements() -> [Statement] { Self.statements(pending) }

    /// `writes` as statements, in an order that keeps every table's writes in order.
    private static func statements(_ writes: [Write]) -> [Statement] {
        var statements = [Statement]()
        var parts = [Part]()
        var partOfTable = [String: Int]()
        var argumentCount = 0
        func close() {
            if !parts.isEmpty { statements.append(Self.statement(parts)) }
            parts.removeAll()
            partOfTable.removeAll()
            argumentCount = 0
        }
        for (template, arguments) in writes {
            if argumentCount + arguments.count > Self.argumentsPerStatementMax { close() }
            let key = template.conflictKeyArguments.map { $0.map { arguments[$0] } }
            if let index = partOfTable[template.table] {
                let part = parts[index]
                // Another text for the same table, or a key the upsert already updates: both must
                // follow what is already there, so they start the next statement.
                if part.template.text != template.text || key.map(part.keys.contains) == true {
                    close()
                } else {
                    parts[index].add(arguments, key: key)
                    argumentCount += arguments.count
                    continue
                }
            }
            partOfTable[template.table] = parts.count
            parts.append(Part(template: template))
            parts[parts.count - 1].add(arguments, key: key)
            argumentCount += arguments.count
        }
        close()
        return statements
    }

    /// One table's rows within a statement.
    private struct Part {
        let template: PostgresInsertTemplate
        var rows = [[SQLValue]]()
        var keys = Set<[SQLValue]>()

        mutating func add(_ arguments: [SQLValue], key: [SQLValue]?) {
            rows.append(arguments)
            if let key { keys.insert(key) }
        }
    }

    /// Rows from which a table's part goes as one JSON argument instead of a VALUES tuple each:
    /// a tuple of 10 to 25 placeholders per row costs the server about 10 µs per row to parse
    /// and plan, every time, since the text differs with the row count (docs/benchmarks.md).
    static let recordsetRowsMin = 8

    /// Whether `row` travels exactly as JSON: integers, text and NULL do; a real would go
    /// through a decimal rendering and a blob through hex, so parts holding either keep VALUES.
    private static func fitsJSON(_ row: [SQLValue]) -> Bool {
        row.allSatisfy {
            switch $0 {
            case .null, .integer, .text: true
            case .real, .blob: false
            }
        }
    }

    /// `rows` as a JSON array of objects keyed by `columns`.
    private static func json(_ rows: [[SQLValue]], columns: [String]) -> String {
        var output = [UInt8]()
        output.reserveCapacity(rows.count * columns.count * 24)
        output.append(UInt8(ascii: "["))
        for (rowIndex, row) in rows.enumerated() {
            if rowIndex > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "{"))
            for (column, value) in zip(columns, row) {
                if output.last != UInt8(ascii: "{") { output.append(UInt8(ascii: ",")) }
                CanonicalJSON.write(.string(column), to: &output)
                output.append(UInt8(ascii: ":"))
                switch value {
                case .null: CanonicalJSON.write(.null, to: &output)
                case .integer(let number): CanonicalJSON.write(.int(number), to: &output)
                case .text(let text): CanonicalJSON.write(.string(text), to: &output)
                case .real, .blob: preconditionFailure("fitsJSON keeps reals and blobs out")
                }
            }
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
        return String(decoding: output, as: UTF8.self)
    }

    private static func statement(_ parts: [Part]) -> Statement {
        var text = ""
        var arguments = [SQLValue]()
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            if parts.count > 1 { text += index == 0 ? "WITH " : isLast ? " " : ", " }
            if !isLast { text += "w\(index) AS (" }
            if let head = part.template.recordsetHead, part.rows.count >= Self.recordsetRowsMin, part.rows.allSatisfy(Self.fitsJSON) {
                arguments.append(.text(Self.json(part.rows, columns: part.template.columns ?? [])))
                text += head + "$\(arguments.count)::json)" + part.template.tail
                if !isLast { text += ")" }
                continue
            }
            text += part.template.head
            for (rowIndex, row) in part.rows.enumerated() {
                if rowIndex > 0 { text += ", " }
                for (pieceIndex, piece) in part.template.tuplePieces.enumerated() {
                    text += piece
                    guard pieceIndex < row.count else { continue }
                    arguments.append(row[pieceIndex])
                    text += "$\(arguments.count)"
                }
            }
            text += part.template.tail
            if !isLast { text += ")" }
        }
        let more = parts.count > 1 || parts[0].rows.count > 1
        return Statement(text: text, arguments: arguments, summary: parts[0].template.text + (more ? " (batched)" : ""))
    }
}
