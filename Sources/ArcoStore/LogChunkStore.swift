import ArcoCore

/// One row of an attempt's log in the store: bytes `byteOffset ..< byteOffset + bytes.count`.
public struct LogChunk: Sendable, Hashable {
    /// The chunk's number within its attempt, from 0, in the order the bytes were written.
    public var chunk: Int64
    /// Where the bytes sit in the log.
    public var byteOffset: Int64
    /// The log's bytes, as the step wrote them.
    public var bytes: [UInt8]

    /// Creates a chunk.
    public init(chunk: Int64, byteOffset: Int64, bytes: [UInt8]) {
        self.chunk = chunk
        self.byteOffset = byteOffset
        self.bytes = bytes
    }
}

/// Where step logs are copied when the store is shared between hosts, so `arco logs` reads a run
/// that executed elsewhere.
///
/// With SQLite every process is on one host and the log files beside the store are the logs; a
/// PostgreSQL store is shared by hosts that share no folder, so there each attempt's log is also
/// written, as it grows and within a bound (`LogChunkBound`), to its `log_chunks` table: outside
/// the ledger (output is not state) and without the append lock (a step's output must not wait
/// behind a batch). See docs/adr/0024-postgres-step-logs.md.
public protocol LogChunkStore: Sendable {
    /// Stores `chunks` of an attempt's log; a chunk already stored (a retry after a lost reply)
    /// is left as it is.
    func appendLogChunks(_ runID: RunID, step: StepKey, attempt: Int64, _ chunks: [LogChunk]) throws
    /// The chunks of an attempt's log that hold bytes at or after `byteOffset`, in order, at most
    /// `limit` of them.
    func logChunks(_ runID: RunID, step: StepKey, attempt: Int64, from byteOffset: Int64, limit: Int) throws
        -> [LogChunk]
}
