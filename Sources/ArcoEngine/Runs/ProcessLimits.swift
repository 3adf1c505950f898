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
}
