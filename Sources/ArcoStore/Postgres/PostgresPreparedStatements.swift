import PostgresNIO

/// The named prepared statements of one connection: which statement texts are worth preparing,
/// and the prepared handle of each.
///
/// An unnamed statement is parsed and planned by the server on every execution: 15–90 µs to
/// parse and 15–70 µs to plan each of a commit's statements here, about half of a single-event
/// commit's server time (ADR 0023, "Single durable commits"). A named one is parsed once per
/// connection and, after a few executions, runs a cached generic plan.
///
/// A text is prepared on its second use in the connection, so a one-shot command (`arco run`,
/// `arco status`), whose statements mostly run once, pays no extra round trip; a worker, a
/// daemon or a long `backfill` repeats its texts thousands of times.
///
/// The types: PostgresNIO's named statements are parsed without parameter types (the server
/// infers them) and bound in binary, so a binary int8 bound where the server inferred int4 would
/// be misread. The prepared text therefore casts each placeholder to the type its argument has
/// (`$1::int8`), which is what an unnamed statement declares in its Parse message; a NULL
/// argument stays uncast, as it stays untyped there. A text is prepared once per pattern of
/// argument types (a column NULL in one execution and text in the next makes two patterns).
struct PostgresPreparedStatements {
    /// Statements per connection at most; the store's texts are few, but IN lists and batched
    /// INSERTs vary with their row counts. Past the limit, new texts run unnamed.
    static let preparedMax = 256
    /// Texts whose uses are counted at most; emptied when full.
    static let countedMax = 2_000
    /// Longer texts (a batch's multi-row INSERT) always run unnamed: their parse is a small part
    /// of their cost, and counting them would keep megabytes of text.
    static let textLengthMax = 16_384

    private var entries = [String: PreparedQuery]()
    private var uses = [String: Int]()
    /// Keys whose preparation is on its way (or failed): never prepared a second time, so two
    /// uses in one pipeline or a failed prepare leave no statement behind on the server.
    private var preparing = Set<String>()

    /// The text and its arguments' types as one key: the statement's text, a separator no SQL
    /// text holds, and one letter per argument.
    static func key(_ text: String, arguments: [SQLValue]) -> String {
        var key = text
        key.unicodeScalars.append("\u{1}")
        for argument in arguments {
            let letter: Unicode.Scalar =
                switch PostgresValueCoding.parameterType(of: argument) {
                case .int8: "i"
                case .float8: "f"
                case .text: "t"
                case .bytea: "b"
                case nil: "n"
                }
            key.unicodeScalars.append(letter)
        }
        return key
    }

    /// The statement prepared under `key`.
    func handle(for key: String) -> PreparedQuery? { entries[key] }

    /// Counts a use of `key` that found no statement; true when it should now be prepared.
    mutating func shouldPrepare(_ key: String) -> Bool {
        guard entries.count + preparing.count < Self.preparedMax, key.utf8.count <= Self.textLengthMax, !preparing.contains(key)
        else { return false }
        if uses.count >= Self.countedMax { uses.removeAll(keepingCapacity: true) }
        let count = uses[key, default: 0] + 1
        uses[key] = count
        guard count >= 2 else { return false }
        preparing.insert(key)
        return true
    }

    mutating func record(_ handle: PreparedQuery, for key: String) {
        entries[key] = handle
        uses[key] = nil
        preparing.remove(key)
    }

    /// Forgets everything: after the connection closed, its statements are gone with it.
    mutating func removeAll() {
        entries.removeAll()
        uses.removeAll()
        preparing.removeAll()
    }
}
