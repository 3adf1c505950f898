import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The heartbeat file every long run rewrites, written with plain system calls:
/// a backfill starts a process per run, and Foundation's general-purpose `createDirectory` and
/// atomic `write` cost several times more (docs/benchmarks.md, backfills).
enum SmallFiles {
    /// Replaces `path` with `text` atomically (a temporary file renamed over it), so a reader
    /// sees the old contents or the new, never a partial file. No fsync: a heartbeat lost in a
    /// crash is rewritten by the next beat.
    @discardableResult
    static func replace(_ path: String, with text: String) -> Bool {
        let temporary = path + ".tmp.\(getpid())"
        // O_EXCL never follows a link; `rename` replaces a link at `path` instead of following it.
        // A temporary left by a crashed process of the same pid would refuse O_EXCL forever.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
