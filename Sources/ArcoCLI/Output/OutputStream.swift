import ArcoCore

/// Standard output written in 64 KiB blocks: a report of hundreds of thousands of rows would
/// otherwise make a system call per row.
struct OutputStream {
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 16

    init() { buffer.reserveCapacity(Self.blockSize + 4_096) }

    mutating func append(_ text: String) {
        buffer += Array(text.utf8)
        flushIfFull()
    }

    /// Appends a reconcile run's targets, comma-separated.
    mutating func append(_ targets: ReconcileTargets) {
        targets.writeJSON(to: &buffer)
        flushIfFull()
    }

    /// Appends a staleness row's JSON, written straight into the buffer.
    mutating func append(_ row: StalenessRow) {
        row.writeJSON(to: &buffer)
        flushIfFull()
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.outRaw(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() {
        if buffer.count >= Self.blockSize { flush() }
    }
}
