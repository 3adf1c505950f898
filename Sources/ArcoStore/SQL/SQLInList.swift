/// `IN (?, ?, …)` lists for lookups of many keys at once, in chunks.
///
/// A chunk's length is rounded up to one of a few sizes (padding repeats its last key, which an
/// IN list ignores), so a session sees a handful of statement texts however many keys come.
enum SQLInList {
    static let sizes = [1, 8, 64, 512]

    /// Calls `body` with `(?, …)` and the arguments of each chunk of `keys`, in order. Keys of
    /// more than one value are row values, `((?, ?), …)`, matched against `(a, b) IN …`.
    static func forEachChunk(_ keys: [[SQLValue]], _ body: (String, SQLArguments) throws -> Void) rethrows {
        let chunkMax = sizes[sizes.count - 1]
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + chunkMax, keys.count)]
            let size = sizes.first { $0 >= chunk.count } ?? chunkMax
            let padded = Array(chunk) + Array(repeating: chunk[chunk.endIndex - 1], count: size - chunk.count)
            let width = padded[0].count
            let element = width == 1 ? "?" : "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            try body("(" + Array(repeating: element, count: size).joined(separator: ", ") + ")", SQLArguments(padded.flatMap { $0 }))
            start += chunk.count
        }
    }

    /// The same for keys of one value.
    static func forEachChunk(_ keys: [SQLValue], _ body: (String, SQLArguments) throws -> Void) rethrows {
        try forEachChunk(keys.map { [$0] }, body)
    }
}
