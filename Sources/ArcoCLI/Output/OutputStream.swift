import ArcoCore

/// Standard output written in 64 KiB blocks: a report of hundreds of thousands of rows would
/// otherwise make a system call per row.
struct OutputStream {
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init() { buffer.reserveCapacity(Self.blockSize + 4_096) }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    /// Appends encoded text; a block or more is written straight out rather than copied.
    mutating func append(bytes: [UInt8]) {
        guard bytes.count < Self.blockSize else {
            flush()
            Console.outRaw(bytes: bytes)
            return
        }
        buffer += bytes
        flushIfFull()
    }

    /// Appends a staleness row's JSON, written straight into the buffer.
    mutating func append(_ row: StalenessRow) {
        row.writeJSON(to: &buffer)
        flushIfFull()
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.outRaw(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() {
        if buffer.count >= Self.blockSize { flush() }
    }
}
