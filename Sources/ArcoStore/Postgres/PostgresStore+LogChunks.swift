import ArcoCore
import Foundation

extension PostgresStore: LogChunkStore {
    /// One autocommit insert on the process's connection: no transaction, no append lock.
    public func appendLogChunks(_ runID: RunID, step: StepKey, attempt: Int64, _ chunks: [LogChunk]) throws {
        guard !chunks.isEmpty else { return }
        var arguments = SQLArguments()
        var rows = [String]()
        for chunk in chunks {
            rows.append("(?, ?, ?, ?, ?, ?)")
            arguments += [runID.rawValue, step.rawValue, attempt, chunk.chunk, chunk.byteOffset, Data(chunk.bytes)]
        }
        try withConnection { session in
            _ = try session.execute(
                """
                INSERT INTO log_chunks (run_id, step_key, attempt, chunk, byte_offset, bytes) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (run_id, step_key, attempt, chunk) DO NOTHING
                """, arguments)
        }
    }

    /// Walks the primary key's (run, step, attempt) prefix: an attempt holds a bounded number of
    /// rows (`LogChunkBound`), and `octet_length` reads a stored value's size without its bytes.
    public func logChunks(_ runID: RunID, step: StepKey, attempt: Int64, from byteOffset: Int64, limit: Int) throws
        -> [LogChunk]
    {
        try withConnection { session in
            try session.rows(
                """
                SELECT chunk, byte_offset, bytes FROM log_chunks
                WHERE run_id = ? AND step_key = ? AND attempt = ? AND byte_offset + octet_length(bytes) > ?
                ORDER BY chunk LIMIT ?
                """, [runID.rawValue, step.rawValue, attempt, byteOffset, Int64(limit)]
            ).map { row in
                let bytes: Data = row[2]
                return LogChunk(chunk: row[0], byteOffset: row[1], bytes: [UInt8](bytes))
            }
        }
    }
}
