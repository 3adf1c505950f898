#if canImport(Glibc)
    import Glibc
#endif

/// Limits of this process that the executor sizes itself by.
enum ProcessLimits {
    /// The soft open-file limit (`ulimit -n`), or nil when it is unlimited or cannot be read.
    static func openFiles() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// How many descriptors this process has open, counted in `/proc/self/fd` (nil elsewhere).
    static func openDescriptors() -> Int? {
        guard let folder = opendir("/proc/self/fd") else { return nil }
        defer { closedir(folder) }
        var count = 0
        while let entry = readdir(folder) {
            let name = entry.pointee.d_name.0
            if name != UInt8(ascii: ".") { count += 1 }
        }
        // The folder's own descriptor was counted while it was open.
        return count - 1
    }

    /// Why `needed` more descriptors would not fit under the open-file limit, or nil when they do.
    static func descriptorShortage(needed: Int) -> String? {
        guard let limit = openFiles(), let open = openDescriptors(), open + needed > limit else { return nil }
        return "too few file descriptors left to start it: \(open) of the open-file limit \(limit) are in use;"
            + " raise it with `ulimit -n \(max(1024, limit * 4))`"
    }
}
