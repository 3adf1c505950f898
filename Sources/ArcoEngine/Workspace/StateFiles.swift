import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why a file below `.arco/` could not be created or opened.
enum StateFileError: Error, Sendable, CustomStringConvertible {
    /// A component is a symbolic link; arco never follows one below `.arco/`.
    case symbolicLink(path: String, target: String)
    /// A component that must be a folder is something else.
    case notAFolder(path: String)
    /// The file to create exists already.
    case exists(path: String)
    /// The file, or a folder on its way, does not exist.
    case missing(path: String)
    /// The system refused (permissions, disk full, missing parent).
    case system(path: String, reason: String)

    var description: String {
        switch self {
        case .symbolicLink(let path, let target):
            return "'\(path)' is a symbolic link to '\(target)'; arco does not follow links inside its state folder"
        case .notAFolder(let path): return "'\(path)' is not a folder"
        case .exists(let path): return "'\(path)' exists already"
        case .missing(let path): return "'\(path)' does not exist"
        case .system(let path, let reason): return "cannot open '\(path)': \(reason)"
        }
    }

    /// The operator's view: a planted link is a damaged state folder (exit 74).
    var operatorError: OperatorError {
        switch self {
        case .symbolicLink(let path, _):
            return OperatorError(.ioError, description, hint: "remove the link with `rm '\(path)'`; arco recreates what it needs")
        case .notAFolder(let path):
            return OperatorError(.ioError, description, hint: "move it away with `mv '\(path)' '\(path).old'`")
        case .system(let path, _), .exists(let path), .missing(let path):
            return OperatorError(.ioError, description, hint: "check the permissions with `ls -ld '\((path as NSString).deletingLastPathComponent)'`")
        }
    }
}

/// Creates and opens files below `.arco/` without following symbolic links.
///
/// A workspace may come from someone else's repository, and its `.arco/` with it: a planted
/// `logs -> /home/you` or `attempt-1.log -> ~/.bashrc` must not make arco write outside the
/// workspace. Every folder level is entered with `openat(O_NOFOLLOW | O_DIRECTORY)` from the one
/// before, and the file itself is opened with `O_NOFOLLOW`, so no link is followed at any level
/// and no other process can swap one in between a check and the use. `.arco` itself is judged
/// once, by `Workspace.ensureStateFolder` (docs/adr/0013-symlinks-in-the-store.md).
enum StateFiles {
    /// Creates the folders of `path` below `root` (mode 0700), refusing any link on the way.
    static func makeFolders(_ path: String, below root: String) throws(StateFileError) {
        let descriptor = try openFolder(path, below: root, create: true)
        close(descriptor)
    }

    /// Opens the file at `path` below `root`, its folders created first.
    /// - Parameter flags: `O_WRONLY | O_APPEND | O_CREAT` and the like; `O_NOFOLLOW` and
    ///   `O_CLOEXEC` are always added.
    /// - Returns: the open descriptor; the caller closes it.
    static func open(_ path: String, below root: String, flags: Int32, mode: mode_t = 0o600) throws(StateFileError) -> Int32 {
        let parent = (path as NSString).deletingLastPathComponent
        let folder = try openFolder(parent, below: root, create: flags & O_CREAT != 0)
        defer { close(folder) }
        let name = (path as NSString).lastPathComponent
        // O_NONBLOCK: a planted FIFO must fail the open, not hang it; it changes nothing for a
        // regular file.
        let descriptor = openat(folder, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard descriptor >= 0 else { throw failure(at: folder, name, path: path) }
        var status = stat()
        // A hard link would write into a file that lives elsewhere too, and a device or FIFO
        // is no log: only a plain file with one name is arco's own.
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1 else {
            close(descriptor)
            throw .system(path: path, reason: "not a plain file with a single link")
        }
        return descriptor
    }

    /// Creates the file at `path` (`O_EXCL`), or opens it for appending when it already exists
    /// as a plain file of its own: an attempt's log is new unless an earlier process died
    /// after creating it.
    static func createOrAppend(_ path: String, below root: String) throws(StateFileError) -> Int32 {
        do {
            return try open(path, below: root, flags: O_WRONLY | O_CREAT | O_EXCL)
        } catch .exists {
            return try open(path, below: root, flags: O_WRONLY | O_APPEND)
        }
    }

    /// Creates the file at `path` (`O_EXCL`) holding `text`.
    /// - Returns: false when it cannot be created (it exists, a link is in the way).
    @discardableResult
    static func create(_ path: String, below root: String, with text: String) -> Bool {
        guard let descriptor = try? open(path, below: root, flags: O_WRONLY | O_CREAT | O_EXCL) else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }

    /// Enters every level from `root` down to `path`, each with `O_NOFOLLOW`.
    private static func openFolder(_ path: String, below root: String, create: Bool) throws(StateFileError) -> Int32 {
        guard path == root || path.hasPrefix(root + "/") else {
            preconditionFailure("'\(path)' is not below the state folder '\(root)'")
        }
        // The root is `.arco`, already judged; everything below it is entered without links.
        var descriptor = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(path: root, reason: String(cString: strerror(errno))) }
        var walked = root
        for component in path.dropFirst(root.count).split(separator: "/") {
            let name = String(component)
            walked += "/" + name
            if create, mkdirat(descriptor, name, 0o700) != 0, errno != EEXIST {
                let error = StateFileError.system(path: walked, reason: String(cString: strerror(errno)))
                close(descriptor)
                throw error
            }
            let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 {
                let error = failure(at: descriptor, name, path: walked)
                close(descriptor)
                throw error
            }
            close(descriptor)
            descriptor = next
        }
        return descriptor
    }

    /// Says why opening `name` in `folder` failed: a link (with its target), a non-folder, or
    /// the system's reason.
    private static func failure(at folder: Int32, _ name: String, path: String) -> StateFileError {
        let code = errno
        let reason = String(cString: strerror(code))
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            return code == ENOENT ? .missing(path: path) : .system(path: path, reason: reason)
        }
        if status.st_mode & S_IFMT == S_IFLNK {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlinkat(folder, name, &buffer, buffer.count - 1)
            let target = length >= 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
            return .symbolicLink(path: path, target: target)
        }
        if code == ENOTDIR { return .notAFolder(path: path) }
        if code == EEXIST { return .exists(path: path) }
        return .system(path: path, reason: reason)
    }
}
