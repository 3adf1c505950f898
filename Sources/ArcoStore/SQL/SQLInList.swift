/// `IN (?, ?, …)` lists for lookups of many keys at once, in chunks.
///
/// A chunk's length is rounded up to one of a few sizes (padding repeats its last value, which
/// an IN list ignores), so a session sees a handful of statement texts however many keys come.
enum SQLInList {
    static let sizes = [1, 8, 64, 512]

    /// Calls `body` with `(?, …)` and the arguments of each chunk of `values`, in order.
    static func forEachChunk(_ values: [SQLValue], _ body: (String, SQLArguments) throws -> Void) rethrows {
        let chunkMax = sizes[sizes.count - 1]
        var start = 0
        while start < values.count {
            let chunk = values[start..<min(start + chunkMax, values.count)]
            let size = sizes.first { $0 >= chunk.count } ?? chunkMax
            var arguments = SQLArguments(Array(chunk))
            while arguments.values.count < size { arguments.values.append(chunk[chunk.endIndex - 1]) }
            try body("(" + Array(repeating: "?", count: size).joined(separator: ", ") + ")", arguments)
            start += chunk.count
        }
    }
}
