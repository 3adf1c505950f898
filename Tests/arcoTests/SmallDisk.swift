import Foundation

/// A tmpfs of a few MiB mounted on a temporary folder, so a test can fill a real disk and free it
/// again; unmounted when the test ends.
///
/// The tests run as root, which may mount; anywhere else mounting fails and the test fails with
/// the reason rather than being skipped, since a full disk cannot be faked through the binary.
final class SmallDisk {
    let path: String
    var fillerPath: String { path + "/filler" }

    init(megabytes: Int = 4) throws {
        path = NSTemporaryDirectory() + "arco-disk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try ArcoBinary.run(
            ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0755", "tmpfs", path], in: "/", executable: "/usr/bin/mount")
        guard mounted.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw RunTestError("cannot mount a \(megabytes) MiB tmpfs on \(path) (run the tests as root): \(mounted.stderr)")
        }
    }

    /// Bytes an unprivileged writer could still write.
    func freeBytes() -> Int {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return -1 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Allocates `filler` so that about `leaving` bytes stay free (rounded down to whole pages).
    func fill(leaving: Int = 0) throws {
        let size = freeBytes() - leaving
        guard size > 0 else { return }
        let result = try ArcoBinary.run(["-l", String(size), fillerPath], in: "/", executable: "/usr/bin/fallocate")
        guard result.status == 0 else { throw RunTestError("fallocate failed: \(result.stderr)") }
    }

    /// Deletes the filler, giving its space back.
    func removeFiller() { unlink(fillerPath) }

    /// Files under `folder` (relative to the disk) and their sizes in bytes.
    func files(in folder: String) -> [String: Int] {
        let root = path + "/" + folder
        var sizes = [String: Int]()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + name)
            sizes[name] = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return sizes
    }

    deinit {
        // Lazy: a process of a failed test may still hold a file open on it.
        _ = try? ArcoBinary.run(["-l", path], in: "/", executable: "/usr/bin/umount")
        try? FileManager.default.removeItem(atPath: path)
    }
}
