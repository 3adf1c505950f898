import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The few files every run creates (log folders, pid files, heartbeats), written with plain system calls:
/// a backfill starts a process per run, and Foundation's general-purpose `createDirectory` and
/// atomic `write` cost several times more (docs/benchmarks.md, backfills).
enum SmallFiles {
    /// Creates `path` and any missing parents with `mode`; an existing folder is fine.
    /// - Returns: false when a folder cannot be created.
    @discardableResult
    static func makeFolders(_ path: String, mode: mode_t = 0o700) -> Bool {
        if mkdir(path, mode) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT else { return false }
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path, makeFolders(parent, mode: mode) else { return false }
        return mkdir(path, mode) == 0 || errno == EEXIST
    }

    /// Writes `text` to `path`, owner-only, without the fsync Foundation's `write(toFile:)`
    /// does: a step's pid file means nothing once the machine has restarted.
    @discardableResult
    static func create(_ path: String, with text: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }

    /// Replaces `path` with `text` atomically (a temporary file renamed over it), so a reader
    /// sees the old contents or the new, never a partial file. No fsync: a heartbeat lost in a
    /// crash is rewritten by the next beat.
    @discardableResult
    static func replace(_ path: String, with text: String) -> Bool {
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
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
