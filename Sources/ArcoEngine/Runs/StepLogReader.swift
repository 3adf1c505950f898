import ArcoCore
import ArcoStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads attempt logs in fixed-size chunks, remembering where each file stopped, so `arco logs`
/// prints a log of any size in bounded memory and `--follow` picks up where it left off.
///
/// Chunks end at a newline: a line still being written waits for the rest (a JSON Lines reader
/// must not see half a line as a line), except once the run has ended, or when one line alone
/// outgrows `Limits.logLineHeldBytesMax`, which is then handed on in pieces rather than held.
///
/// When hosts share the store and the file is not on this host (the run executed elsewhere),
/// the log is read from the store's copy instead (`LogChunkStore`): the same bytes at the same
/// offsets, so the chunks handed on are the same too.
struct StepLogReader {
    let stateFolder: String
    /// The store's copies of the logs of `run`, read when a file is missing; nil with SQLite.
    let copies: (store: any LogChunkStore, run: RunID)?
    private var offsets: [String: Int64] = [:]
    private var partial: [String: [UInt8]] = [:]

    init(stateFolder: String, copies: (store: any LogChunkStore, run: RunID)? = nil) {
        self.stateFolder = stateFolder
        self.copies = copies
    }

    /// The last `maxBytes` of the log at `path` (fewer when it is shorter), or none when it
    /// cannot be read: a failure's tail is a courtesy, never a reason to fail the record.
    static func tail(of path: String, stateFolder: String, maxBytes: Int) -> [UInt8] {
        guard let descriptor = try? StateFiles.open(path, below: stateFolder, flags: O_RDONLY) else { return [] }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return [] }
        let start = max(0, Int64(status.st_size) - Int64(maxBytes))
        var buffer = [UInt8](repeating: 0, count: Int(Int64(status.st_size) - start))
        var filled = 0
        while filled < buffer.count {
            let count = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(start) + off_t(filled))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return Array(buffer[..<filled])
    }

    /// Hands what `file` gained since the last call to `body`, chunk by chunk.
    /// - Parameter final: the run has ended, so an unfinished last line is handed on too.
    /// - Throws: exit 74 when the log, or a folder on its way, is a symbolic link; the store's
    ///   error when its copy cannot be read.
    mutating func read(_ file: StepLogFile, final: Bool, _ body: ([UInt8]) -> Void) throws {
        let descriptor: Int32
        do {
            descriptor = try StateFiles.open(file.path, below: stateFolder, flags: O_RDONLY)
        } catch .missing {
            if let copies { try readCopy(file, from: copies.store, run: copies.run, final: final, body) }
            return
        } catch {
            throw error.operatorError
        }
        defer { close(descriptor) }
        var offset = offsets[file.path] ?? 0
        var held = partial[file.path] ?? []
        var buffer = [UInt8](repeating: 0, count: Limits.fileChunkBytes)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += Int64(count)
            Self.feed(buffer[..<count], held: &held, body)
        }
        finishRead(file, offset: offset, held: held, final: final, body)
    }

    /// `read` from the store's copy of the log, in pages of `Limits.logChunksPerPage` rows.
    private mutating func readCopy(
        _ file: StepLogFile, from store: any LogChunkStore, run: RunID, final: Bool, _ body: ([UInt8]) -> Void
    ) throws {
        var offset = offsets[file.path] ?? 0
        var held = partial[file.path] ?? []
        pages: while true {
            let page = try store.logChunks(run, step: file.stepKey, attempt: file.attempt, from: offset, limit: Limits.logChunksPerPage)
            for row in page {
                // Rows follow each other without gaps; one that starts past where the last
                // ended ends the read rather than shifting every later offset.
                guard row.byteOffset <= offset else { break pages }
                Self.feed(row.bytes[Int(offset - row.byteOffset)...], held: &held, body)
                offset = row.byteOffset + Int64(row.bytes.count)
            }
            if page.count < Limits.logChunksPerPage { break }
        }
        finishRead(file, offset: offset, held: held, final: final, body)
    }

    /// Hands on the whole lines of `chunk`, holding back an unfinished last line.
    private static func feed(_ chunk: ArraySlice<UInt8>, held: inout [UInt8], _ body: ([UInt8]) -> Void) {
        guard let newline = chunk.lastIndex(of: 0x0A) else {
            held.append(contentsOf: chunk)
            if held.count >= Limits.logLineHeldBytesMax {
                body(held)
                held.removeAll(keepingCapacity: true)
            }
            return
        }
        held.append(contentsOf: chunk[...newline])
        body(held)
        held.removeAll(keepingCapacity: true)
        held.append(contentsOf: chunk[(newline + 1)...])
    }

    /// Remembers where `file` stopped; once the run has ended, its unfinished last line goes too.
    private mutating func finishRead(_ file: StepLogFile, offset: Int64, held: [UInt8], final: Bool, _ body: ([UInt8]) -> Void) {
        var held = held
        if final && !held.isEmpty {
            body(held)
            held.removeAll()
        }
        offsets[file.path] = offset
        partial[file.path] = held
    }
}
