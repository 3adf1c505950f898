import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension SQLiteStore {
    /// The files SQLite keeps beside the database: the write-ahead log, its index, and the
    /// rollback journal of a store that was once in another journal mode.
    static let companionSuffixes = ["", "-wal", "-shm", "-journal"]

    /// Refuses a database, or a file SQLite opens beside it, that is a symbolic link, and
    /// tightens any of them that is readable or writable by others to 0600.
    ///
    /// SQLite follows links, so an `arco.db-wal -> ~/.bashrc` planted in a cloned repository's
    /// `.arco/` would have the next commit write into `~/.bashrc`. Each file is chmod-ed through
    /// a descriptor opened with `O_NOFOLLOW`, so the mode can only change on the file itself
    /// (`.arco` is tightened to 0700 the same way).
    static func secureFiles(at path: String) throws(StoreError) {
        for suffix in companionSuffixes {
            let file = path + suffix
            var status = stat()
            guard lstat(file, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) ?? "?"
                throw StoreError.symbolicLink(path: file, target: target)
            }
            guard status.st_mode & 0o077 != 0 else { continue }
            let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if fchmod(descriptor, 0o600) != 0 {
                throw StoreError.unavailable(
                    path: file, detail: "its mode \(String(status.st_mode & 0o777, radix: 8)) is too open and cannot be restricted: \(String(cString: strerror(errno)))")
            }
        }
    }
}
