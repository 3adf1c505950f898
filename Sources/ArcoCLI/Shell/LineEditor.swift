import CEditLine
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal side of `arco shell`: libedit's readline-compatible API for editing, history
/// recall and TAB completion, and the shell's own SIGINT disposition.
///
/// libedit keeps one editor per process and calls back through plain C function pointers, so
/// the completion provider, the Ctrl-C flag and its wake-up pipe are process globals below.
/// There is only ever one shell in a process, and the callbacks run on the thread that called
/// `readLine`.
enum LineEditor {
    /// What reading a line gave.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C at the prompt: the line typed so far is dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case end
    }

    /// Computes the candidates for the word being typed: the text before it, and the word.
    typealias Provider = @Sendable (_ before: String, _ word: String) -> [String]

    /// Prepares libedit: the program name for `~/.editrc`, white space as the only word break,
    /// the completion callback, the key reader that Ctrl-C can wake, and the history so far.
    static func start(history: [String], completion: @escaping Provider) {
        completionProvider.withLock { $0 = completion }
        // libedit keeps these pointers, so they are copies that live as long as the process.
        arco_rl_set_name(strdup("arco"))
        arco_rl_set_word_breaks(strdup(" \t\n"))
        arco_rl_set_completion { text, start, _ in LineEditor.complete(text, start: start) }
        arco_rl_set_getc { _ in LineEditor.readKey() }
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            // Non-blocking: the handler must never wait, and draining stops when it is empty.
            for end in ends {
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
            wakeRead.store(ends[0], ordering: .relaxed)
            wakeWrite.store(ends[1], ordering: .relaxed)
        }
        _ = rl_initialize()
        using_history()
        for line in history { _ = add_history(line) }
    }

    /// Shows `prompt` and reads one edited line. SIGINT is (re)installed first: a command that
    /// handled SIGINT itself puts back the default on the way out, which would let the next
    /// Ctrl-C kill the shell.
    static func readLine(prompt: String) -> Input {
        installInterruptHandler()
        // A Ctrl-C pressed during the last command is not meant for this prompt.
        drainWakePipe()
        interrupted.store(false, ordering: .relaxed)
        guard let pointer = readline(prompt) else {
            // `readKey` ends the line as at end of input when Ctrl-C was pressed.
            let wasInterrupted = interrupted.exchange(false, ordering: .relaxed)
            Console.outRaw("\n")
            return wasInterrupted ? .interrupted : .end
        }
        defer { free(pointer) }
        return .line(String(cString: pointer))
    }

    /// Adds a line to the in-memory history (Up-arrow recalls it).
    static func remember(_ line: String) {
        _ = add_history(line)
    }

    /// Catches SIGINT instead of dying of it: the handler notes it and wakes `readKey` through a
    /// pipe; during a command that did not install handlers of its own the signal is only noted.
    ///
    /// A flag alone is not enough: the kernel may run the handler on any thread, or on the
    /// reading thread just before it enters `read`, which then blocks as if nothing happened.
    /// The pipe's byte stays until `readKey` polls it.
    static func installInterruptHandler() {
        var action = sigaction()
        // `LineEditor.` spelled out: an implicit `Self` would be a captured context.
        action.__sigaction_handler.sa_handler = { _ in
            LineEditor.interrupted.store(true, ordering: .relaxed)
            var byte: UInt8 = 1
            _ = write(LineEditor.wakeWrite.load(ordering: .relaxed), &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// libedit's `rl_getc_function`: the next byte typed, or -1 (end of input) when Ctrl-C
    /// woke the pipe, which makes `readline` return NULL with the line dropped.
    private static func readKey() -> Int32 {
        let wake = wakeRead.load(ordering: .relaxed)
        while true {
            var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            if poll(&descriptors, wake >= 0 ? 2 : 1, -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if wake >= 0 && descriptors[1].revents != 0 {
                drainWakePipe()
                return -1
            }
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return -1
        }
    }

    private static func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        let wake = wakeRead.load(ordering: .relaxed)
        guard wake >= 0 else { return }
        while read(wake, &buffer, buffer.count) > 0 {}
    }

    // MARK: - Process globals libedit reaches through C callbacks

    /// Set by the SIGINT handler (an atomic store is async-signal-safe).
    private static let interrupted = Atomic<Bool>(false)
    /// The pipe the SIGINT handler writes a byte to, and `readKey` polls; -1 without one.
    private static let wakeRead = Atomic<Int32>(-1)
    private static let wakeWrite = Atomic<Int32>(-1)
    private static let completionProvider = Mutex<Provider?>(nil)

    /// libedit's `rl_attempted_completion_function`: returns a malloc-ed, NULL-terminated array
    /// whose first entry replaces the word (the candidates' common prefix) followed by the
    /// candidates, listed when several match; libedit frees it. NULL when nothing matches.
    private static func complete(_ text: UnsafePointer<CChar>?, start: Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    {
        // Never fall back to file names: nothing an arco command takes is a local file
        // except `ledger import`, and a wrong candidate is worse than none.
        arco_rl_set_completion_over(1)
        guard let text, let buffer = arco_rl_line_buffer() else { return nil }
        // `start` counts bytes, so the text before the word is cut from the bytes.
        let line = Array(String(cString: buffer).utf8)
        let before = String(decoding: line.prefix(max(0, Int(start))), as: UTF8.self)
        let word = String(cString: text)
        let candidates = completionProvider.withLock { $0 }?(before, word) ?? []
        guard !candidates.isEmpty else { return nil }
        // One candidate is listed too: libedit 3.1 appends the space after a unique match only
        // when the list names it (given `[match, NULL]` it inserts the word and no space).
        let entries = [ShellCompletion.commonPrefix(candidates)] + candidates
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
        guard let memory = malloc(size) else { return nil }
        let matches = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() { matches[index] = strdup(entry) }
        matches[entries.count] = nil
        return matches
    }
}
