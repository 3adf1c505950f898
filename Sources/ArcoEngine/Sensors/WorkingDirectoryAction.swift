import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+), looked up at run time because the Glibc
/// module does not declare it. Changing this process's folder around the spawn instead would
/// race with any other thread.
enum WorkingDirectoryAction {
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static let function: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    static func add(_ actions: inout posix_spawn_file_actions_t, _ folder: String) -> Bool {
        guard let function else { return false }
        return folder.withCString { function(&actions, $0) } == 0
    }
}
