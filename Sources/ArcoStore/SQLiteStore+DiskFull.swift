import Foundation
import GRDB

/// A full disk: how it is recognised, and how a failed write gives its space back.
///
/// A transaction that fails for lack of space is rolled back, but the pages it wrote stay in the
/// `-wal` file, which SQLite reuses and never shrinks by itself. A large failed write (an import,
/// a rebuild's swap) would then keep the disk full after arco exits. See
/// docs/adr/0016-full-disk.md.
extension SQLiteStore {
    /// Whether the file system holding `path` has no block left for an unprivileged writer.
    static func volumeIsFull(holding path: String) -> Bool {
        var stats = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &stats) == 0 else { return false }
        // Free blocks, not blocks available to unprivileged users: root writes into the reserved
        // blocks, so a failing disk that is merely nearly full must not pass for a full one.
        return stats.f_bfree == 0
    }

    /// Passes `error` through, first truncating the write-ahead log when it is a full disk.
    func releasingSpaceIfFull(_ error: StoreError) -> StoreError {
        if case .diskFull = error { releaseWriteAheadLogSpace() }
        return error
    }

    /// Truncates the write-ahead log to zero bytes, copying committed pages into the database
    /// first; a failure (a reader holding an old snapshot, no room for the copy) leaves it as is.
    ///
    /// Called after a rollback, when the log holds mostly pages of the failed transaction.
    func releaseWriteAheadLogSpace() {
        try? queue.writeWithoutTransaction { db in
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
