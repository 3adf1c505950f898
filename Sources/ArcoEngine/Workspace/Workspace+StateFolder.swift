import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `.arco` is when it is a symbolic link: where it points, and whether arco follows it.
public struct StateFolderLink: Sendable, Hashable {
    /// The link's text, as `readlink` gives it.
    public var target: String
    /// The folder it resolves to, or nil when it points nowhere.
    public var resolved: String?
    /// Why arco refuses to follow it, or nil when it does.
    public var refusal: String?
    /// What to do about a refusal, with a command to copy.
    public var hint: String?
}

extension Workspace {
    /// The folders arco itself creates right below `.arco`; a link at any of them is refused
    /// before a command starts, so the refusal is an error rather than a failed step.
    static let stateSubfolders = ["logs", "logs/workers", "heartbeats"]

    /// Judges `.arco` when it is a symbolic link, or returns nil when it is not one.
    ///
    /// A link is followed only when `ARCO_STATE_DIR` names the folder it resolves to, and that
    /// folder belongs to the current user and is writable by nobody else: a user who moved the
    /// state to another disk says so once, while a link planted in a cloned repository points
    /// somewhere no one named, and is refused (docs/adr/0013-symlinks-in-the-store.md).
    /// - Parameter allowedTargets: the folders of `ARCO_STATE_DIR`.
    public func stateFolderLink(allowedTargets: [String]) -> StateFolderLink? {
        var status = stat()
        guard lstat(stateFolder, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: stateFolder)) ?? "?"
        guard let resolved = Self.realPath(stateFolder) else {
            return StateFolderLink(
                target: target, resolved: nil, refusal: "it points to nothing",
                hint: "remove the link with `rm '\(stateFolder)'`")
        }
        var link = StateFolderLink(target: target, resolved: resolved, refusal: nil, hint: nil)
        guard allowedTargets.compactMap(Self.realPath).contains(resolved) else {
            link.refusal = "ARCO_STATE_DIR does not name '\(resolved)'"
            link.hint = "if you moved the state there yourself, allow it with `export ARCO_STATE_DIR='\(resolved)'`; "
                + "otherwise remove the link with `rm '\(stateFolder)'`"
            return link
        }
        guard stat(resolved, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            link.refusal = "'\(resolved)' is not a folder"
            link.hint = "remove the link with `rm '\(stateFolder)'`"
            return link
        }
        // arco never chmods a link's target: the owner decides, and is told how.
        if status.st_uid != geteuid() {
            link.refusal = "'\(resolved)' belongs to user id \(status.st_uid), not to you"
            link.hint = "keep the state in a folder of your own, then `ln -sfn DIR '\(stateFolder)'`"
        } else if status.st_mode & 0o022 != 0 {
            link.refusal = "'\(resolved)' is writable by its group or by others (mode \(String(status.st_mode & 0o777, radix: 8)))"
            link.hint = "restrict it with `chmod 700 '\(resolved)'`"
        }
        return link
    }

    /// Creates `.arco/` with mode 0700 if it does not exist, and tightens it if it does; a
    /// symbolic link is followed only as `stateFolderLink` allows, and its target is never
    /// chmod-ed. Links at the folders arco keeps below it are refused.
    ///
    /// `mkdir` is atomic, so processes racing to create the folder all succeed.
    /// - Throws: exit 74 for a refused link, 69 when the folder cannot be created.
    public func ensureStateFolder(allowedLinkTargets: [String]) throws {
        if let link = stateFolderLink(allowedTargets: allowedLinkTargets) {
            if let refusal = link.refusal {
                throw OperatorError(
                    .ioError, "'\(stateFolder)' is a symbolic link to '\(link.target)', which arco does not follow: \(refusal)",
                    hint: link.hint)
            }
        } else {
            try makePrivateStateFolder()
        }
        for name in Self.stateSubfolders {
            let path = stateFolder + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { continue }
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw StateFileError.symbolicLink(path: path, target: target).operatorError
        }
    }

    /// A real `.arco` folder, created or tightened to 0700 through a descriptor opened without
    /// following links, so the chmod cannot land on anything else.
    private func makePrivateStateFolder() throws {
        if mkdir(stateFolder, 0o700) != 0 && errno != EEXIST {
            let reason = String(cString: strerror(errno))
            throw OperatorError(
                .unavailable, "cannot create '\(stateFolder)': \(reason)",
                hint: "check the folder's permissions with `ls -ld \(root)`")
        }
        let descriptor = open(stateFolder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OperatorError(
                .unavailable, "'\(stateFolder)' exists but is not a folder",
                hint: "move it away with `mv \(stateFolder) \(stateFolder).old`")
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o700)
    }

    /// The canonical absolute path of an existing file, links resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
