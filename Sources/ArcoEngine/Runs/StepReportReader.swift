import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a step's `ARCO_REPORT` file in bounded memory: never more than
/// `Limits.stepReportBytesMax` plus one byte (to see whether a line ends at the limit), read a
/// chunk at a time.
///
/// The step writes the file inside `.arco/logs`, so it is opened like every file there: no link
/// followed at any level, and only a plain file with one name is read (a FIFO would hang the
/// read, a link or hard link would pull another file into the ledger). See
/// docs/adr/0015-step-report-bounds.md.
enum StepReportReader {
    /// The report at `path`, or `nil` when the step wrote none (or wrote one that is not UTF-8).
    /// - Throws: `StepReportError` when the file is not a plain file or a kept line is malformed.
    static func read(_ path: String, below stateFolder: String, limit: Int64 = Limits.stepReportBytesMax)
        throws(StepReportError) -> StepReport?
    {
        let descriptor: Int32
        do {
            descriptor = try StateFiles.open(path, below: stateFolder, flags: O_RDONLY)
        } catch .missing {
            return nil
        } catch {
            throw StepReportError(line: nil, reason: "\(error)")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw StepReportError(line: nil, reason: "cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        let head = try readHead(descriptor, path: path, expected: Int64(status.st_size), maxBytes: Int(limit) + 1)
        return try StepReport.parse(head: head, reportBytes: Int64(status.st_size), limit: limit)
    }

    /// Up to `maxBytes` from the start of the file, a chunk at a time.
    private static func readHead(_ descriptor: Int32, path: String, expected: Int64, maxBytes: Int)
        throws(StepReportError) -> [UInt8]
    {
        var head = [UInt8]()
        head.reserveCapacity(min(Int(max(expected, 0)), maxBytes))
        var chunk = [UInt8](repeating: 0, count: min(Limits.fileChunkBytes, maxBytes))
        while head.count < maxBytes {
            let wanted = min(chunk.count, maxBytes - head.count)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, wanted) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw StepReportError(line: nil, reason: "cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            head.append(contentsOf: chunk[..<count])
        }
        return head
    }
}
