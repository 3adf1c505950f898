import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The shell's history file, `.arco/shell_history`: one command a line, oldest first, appended
/// as each line is run so a shell that is killed loses nothing.
///
/// libedit's own `read_history`/`write_history` take a path and follow symbolic links; this
/// reads and writes through the descriptor `Engine.openShellHistory` opened without following
/// any, in plain lines rather than libedit's escaped format.
final class ShellHistory {
    private let descriptor: Int32

    /// Takes ownership of `descriptor` (read and append).
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lines in the file, at most `Limits.shellHistoryLinesMax` (the newest); when the file
    /// held more, it is rewritten with only those.
    func load() -> [String] {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        lseek(descriptor, 0, SEEK_SET)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            data += buffer[0..<count]
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count > Limits.shellHistoryLinesMax else { return lines }
        let kept = Array(lines.suffix(Limits.shellHistoryLinesMax))
        // O_APPEND writes at the end, which after the truncation is the start.
        if ftruncate(descriptor, 0) == 0 { write(kept.map { $0 + "\n" }.joined()) }
        return kept
    }

    /// Appends one line (a line holding a newline is not recorded: it could not be read back).
    func append(_ line: String) {
        guard !line.contains("\n") else { return }
        write(line + "\n")
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                // History is a convenience: a full disk must not stop the command.
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
