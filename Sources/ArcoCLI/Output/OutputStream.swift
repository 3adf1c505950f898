/// Standard output written in 64 KiB blocks: a report of hundreds of thousands of rows would
/// otherwise make a system call per row.
struct OutputStream {
    private var buffer = ""
    private static let blockSize = 1 << 16

    mutating func append(_ text: String) {
        buffer += text
        if buffer.utf8.count >= Self.blockSize { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.outRaw(buffer)
        buffer = ""
    }
}
