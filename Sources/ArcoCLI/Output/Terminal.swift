import Foundation

/// What the process's terminal allows: colour only on a TTY and never with `NO_COLOR`.
struct Terminal: Sendable {
    /// Whether standard output is a terminal.
    let stdoutIsTTY: Bool
    /// Whether standard error is a terminal (progress goes there).
    let stderrIsTTY: Bool
    /// Whether to emit ANSI colour.
    let colour: Bool

    static func current(environment: [String: String]) -> Terminal {
        let stdoutTTY = isatty(STDOUT_FILENO) == 1
        let stderrTTY = isatty(STDERR_FILENO) == 1
        let allowed = environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return Terminal(stdoutIsTTY: stdoutTTY, stderrIsTTY: stderrTTY, colour: stdoutTTY && allowed)
    }

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func green(_ text: String) -> String { colour ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    func yellow(_ text: String) -> String { colour ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
    func red(_ text: String) -> String { colour ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// Writes to standard output and standard error with plain `write(2)` calls: Swift 6 rejects
/// C's global `stdout`, and callers batch their text so the call count stays small.
enum Console {
    static func out(_ text: String) {
        write(STDOUT_FILENO, text + "\n")
    }

    static func err(_ text: String) {
        write(STDERR_FILENO, text + "\n")
    }

    /// Writes text to standard output without a trailing newline (streamed JSON).
    static func outRaw(_ text: String) {
        write(STDOUT_FILENO, text)
    }

    /// Writes encoded bytes to stdout as they are (no conversion to a `String` first).
    static func outRaw(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0) }
    }

    /// Rewrites the current stderr line (progress on a TTY).
    static func progress(_ text: String) {
        write(STDERR_FILENO, "\r\u{1B}[2K" + text)
    }

    static func endProgress() {
        write(STDERR_FILENO, "\r\u{1B}[2K")
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        var text = text
        text.withUTF8 { write(descriptor, $0) }
    }

    private static func write(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                // The reader went away (`arco events | head`): stop quietly, as `cat` does.
                if errno == EPIPE { exit(0) }
                return
            }
            offset += written
        }
    }
}
