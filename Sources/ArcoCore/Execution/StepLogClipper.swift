/// Keeps one attempt's log within its size bound: the head as it is written, the tail in a ring,
/// and a line saying how many bytes were cut between them.
///
/// The head goes to the file at once, so `arco logs --follow` shows a step's start live; only
/// once the head is full does output wait in the ring, which reaches the file when the step
/// ends. The ring is at most `Limits.stepLogTailBytesMax`, so a running step costs bounded memory whatever its
/// `log_max`. Pure: the caller reads the pipe and writes the file. See
/// docs/adr/0013-symlinks-in-the-store.md (log bounds).
public struct StepLogClipper: Sendable {
    /// The bound: head plus tail.
    public let maxBytes: Int64
    /// Bytes kept from the start of the output.
    public let headBytes: Int64
    /// Bytes kept from the end of the output.
    public let tailBytes: Int64
    /// Bytes written to the file so far through `accept` (the head).
    public private(set) var headWritten: Int64 = 0
    /// Bytes dropped from the ring because newer output replaced them.
    public private(set) var cutBytes: Int64 = 0
    private var lastHeadByte: UInt8 = 0x0A
    private var ring: [UInt8] = []
    /// Where the oldest byte of a full ring sits.
    private var ringStart = 0

    /// Creates a clipper for a bound of `maxBytes` (at least `Limits.stepLogBytesMin`).
    public init(maxBytes: Int64) {
        precondition(maxBytes >= Limits.stepLogBytesMin, "log bound below the minimum: \(maxBytes)")
        self.maxBytes = maxBytes
        self.tailBytes = min(maxBytes / 2, Limits.stepLogTailBytesMax)
        self.headBytes = maxBytes - tailBytes
    }

    /// Takes the next output.
    /// - Returns: how many leading bytes of `bytes` the caller writes to the log now; the rest
    ///   are kept for the tail.
    public mutating func accept(_ bytes: UnsafeRawBufferPointer) -> Int {
        let toHead = Int(min(Int64(bytes.count), headBytes - headWritten))
        headWritten += Int64(toHead)
        if toHead > 0 { lastHeadByte = bytes[toHead - 1] }
        if toHead < bytes.count { keep(UnsafeRawBufferPointer(rebasing: bytes[toHead...])) }
        return toHead
    }

    /// Convenience for tests and small inputs.
    public mutating func accept(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { accept($0) }
    }

    /// What follows the head once the output has ended: the tail as it was when nothing was cut,
    /// or else a cut notice and the tail from its first whole line.
    public mutating func finish() -> [UInt8] {
        let tail = ring[ringStart...] + ring[..<ringStart]
        guard cutBytes > 0 else { return Array(tail) }
        // The ring's first line lost its beginning; start the tail at a line when there is one.
        var start = tail.startIndex
        if let newline = tail.firstIndex(of: 0x0A), newline < tail.index(before: tail.endIndex) {
            start = tail.index(after: newline)
        }
        let cut = cutBytes + Int64(start - tail.startIndex)
        let separator = lastHeadByte == 0x0A ? "" : "\n"
        let notice = "\(separator)[arco: \(cut) bytes cut here; log_max is \(ByteSizeSyntax.format(maxBytes))]\n"
        return Array(notice.utf8) + tail[start...]
    }

    private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        let capacity = Int(tailBytes)
        var input = bytes
        if input.count > capacity {
            // Only the last `capacity` bytes can survive; the rest and the whole ring are cut.
            cutBytes += Int64(input.count - capacity) + Int64(ring.count)
            input = UnsafeRawBufferPointer(rebasing: input[(input.count - capacity)...])
            ring.removeAll(keepingCapacity: true)
            ringStart = 0
        }
        let room = capacity - ring.count
        let appended = min(room, input.count)
        ring.append(contentsOf: input[..<appended])
        var rest = UnsafeRawBufferPointer(rebasing: input[appended...])
        // The ring is full: each new byte replaces the oldest one.
        while !rest.isEmpty {
            let run = min(rest.count, capacity - ringStart)
            let source = UnsafeRawBufferPointer(rebasing: rest[..<run])
            ring.withUnsafeMutableBytes { target in
                UnsafeMutableRawBufferPointer(rebasing: target[ringStart..<(ringStart + run)]).copyMemory(from: source)
            }
            cutBytes += Int64(run)
            ringStart = (ringStart + run) % capacity
            rest = UnsafeRawBufferPointer(rebasing: rest[run...])
        }
    }
}
