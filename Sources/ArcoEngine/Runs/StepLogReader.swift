import ArcoCore
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
struct StepLogReader {
    let stateFolder: String
    private var offsets: [String: Int64] = [:]
    private var partial: [String: [UInt8]] = [:]

    init(stateFolder: String) {
        self.stateFolder = stateFolder
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
    /// - Throws: exit 74 when the log, or a folder on its way, is a symbolic link.
    mutating func read(_ file: StepLogFile, final: Bool, _ body: ([UInt8]) -> Void) throws {
        let descriptor: Int32
        do {
            descriptor = try StateFiles.open(file.path, below: stateFolder, flags: O_RDONLY)
        } catch .missing {
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
            let chunk = buffer[..<count]
            guard let newline = chunk.lastIndex(of: 0x0A) else {
                held.append(contentsOf: chunk)
                if held.count >= Limits.logLineHeldBytesMax {
                    body(held)
                    held.removeAll(keepingCapacity: true)
                }
                continue
            }
            held.append(contentsOf: chunk[...newline])
            body(held)
            held.removeAll(keepingCapacity: true)
            held.append(contentsOf: chunk[(newline + 1)...])
        }
        if final && !held.isEmpty {
            body(held)
            held.removeAll()
        }
        offsets[file.path] = offset
        partial[file.path] = held
    }
}
