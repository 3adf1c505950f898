/// Decides how much of one attempt's log a PostgreSQL store keeps: the log's first bytes, up to
/// the bound, then once a line saying where the rest is.
///
/// The database copy is what `arco logs` reads on a host that does not have the file, so it
/// holds the same bytes as the file, in order, from the start; a tail would need a second ring
/// beside the clipper's, and the file already keeps it. The file is bounded by `log_max`
/// (`StepLogClipper`) and the copy is a prefix of it, so a log within
/// `Limits.stepLogDatabaseBytesMax` is copied whole, cut notice included, and a larger one keeps
/// its first 16 MiB. Pure: the caller writes the rows (docs/adr/0024-postgres-step-logs.md).
public struct LogChunkBound: Sendable {
    /// The most log bytes kept, the marker line aside.
    public let maxBytes: Int64
    /// Where the whole log is, for the marker: its file and host.
    public let origin: String
    /// Log bytes kept so far.
    public private(set) var keptBytes: Int64 = 0
    /// Whether the log outgrew the bound (the marker has been handed out).
    public private(set) var isCut = false
    private var lastByte: UInt8 = 0x0A

    /// A bound of `maxBytes` for an attempt whose file is at `path` on `host`.
    public init(maxBytes: Int64 = Limits.stepLogDatabaseBytesMax, path: String, host: String) {
        self.maxBytes = maxBytes
        origin = "\(path) on host \(host)"
    }

    /// Takes the next bytes written to the log.
    /// - Returns: how many leading bytes of `bytes` the store keeps, and the marker line to keep
    ///   after them when the log is cut here (once; after it nothing more is kept).
    public mutating func accept(_ bytes: UnsafeRawBufferPointer) -> (kept: Int, marker: [UInt8]?) {
        guard !isCut else { return (0, nil) }
        let kept = Int(min(Int64(bytes.count), maxBytes - keptBytes))
        keptBytes += Int64(kept)
        if kept > 0 { lastByte = bytes[kept - 1] }
        guard kept < bytes.count else { return (kept, nil) }
        isCut = true
        return (kept, Array(marker.utf8))
    }

    /// Convenience for tests and small inputs.
    public mutating func accept(_ bytes: [UInt8]) -> (kept: Int, marker: [UInt8]?) {
        bytes.withUnsafeBytes { accept($0) }
    }

    /// The line that ends a cut copy, on a line of its own.
    private var marker: String {
        let separator = lastByte == 0x0A ? "" : "\n"
        return "\(separator)[arco: the database keeps the first \(ByteSizeSyntax.format(maxBytes)) of this log; "
            + "the rest is in \(origin)]\n"
    }
}
