import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock a process holds while it drives backfills, so `backfill status` can tell a
/// RUNNING backfill that something moves on from one that waits for an operator.
///
/// A foreground `backfill create`/`resume` holds `locks/backfill-ID.lock` for its backfill; an
/// `arco worker`, which drives every open backfill, holds `locks/workers.lock`. Holders take a
/// shared `flock`, so any number of drivers coexist; a prober asks for an exclusive one without
/// waiting and releases it at once. The kernel drops a lock when its process dies (kill -9
/// included), so a crashed driver never reads as alive, and nothing is ever recorded or cleaned.
final class DriverLock: @unchecked Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// The lock file of the drivers of one backfill, or of every backfill (`nil`: workers).
    static func path(for backfill: BackfillID?, in workspace: Workspace) -> String {
        let name = backfill.map { "backfill-" + fileSafe($0.rawValue) } ?? "workers"
        return workspace.stateFolder + "/locks/" + name + ".lock"
    }

    /// Takes the shared lock; nil when the lock file cannot be opened, since driving matters
    /// more than reporting that it happens.
    static func hold(_ path: String, in workspace: Workspace) -> DriverLock? {
        guard let descriptor = try? StateFiles.open(path, below: workspace.stateFolder, flags: O_RDWR | O_CREAT) else {
            return nil
        }
        guard flock(descriptor, LOCK_SH) == 0 else {
            close(descriptor)
            return nil
        }
        return DriverLock(descriptor: descriptor)
    }

    /// Whether some process holds the lock at `path` now.
    static func isHeld(_ path: String, in workspace: Workspace) -> Bool {
        // O_RDONLY without O_CREAT: no file means no driver ever took it.
        guard let descriptor = try? StateFiles.open(path, below: workspace.stateFolder, flags: O_RDONLY) else {
            return false
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }

    /// Ids from the ledger may hold any character; a file name gets only safe ones, or a digest.
    private static func fileSafe(_ id: String) -> String {
        let safe = id.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0)
            || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        return safe && !id.isEmpty && id.utf8.count <= 64 ? id : SHA256Hex.digest(id)
    }
}

extension Engine {
    /// Whether a process drives the backfill now: an `arco worker`, or a foreground
    /// `backfill create`/`resume` of it.
    public func isBackfillDriven(_ id: BackfillID) -> Bool {
        DriverLock.isHeld(DriverLock.path(for: nil, in: workspace), in: workspace)
            || DriverLock.isHeld(DriverLock.path(for: id, in: workspace), in: workspace)
    }
}
