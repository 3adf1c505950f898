import ArcoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Engine {
    /// `.arco/shell_history`: the lines typed at `arco shell`, one a line, oldest first.
    public var shellHistoryPath: String { workspace.stateFolder + "/shell_history" }

    /// Opens the shell's history file for reading and appending, creating `.arco/` and the file
    /// (0600: commands may name private things) if needed; an existing file is tightened to 0600.
    ///
    /// The file is opened like every other file below `.arco/`, refusing a symbolic link at any
    /// level, so a workspace from someone else cannot make the shell write elsewhere. Writes go
    /// through the descriptor, never through the path (docs/adr/0018-arco-shell.md).
    /// - Returns: the descriptor (`O_RDWR | O_APPEND`); the caller closes it.
    public func openShellHistory() throws -> Int32 {
        try workspace.ensureStateFolder(allowedLinkTargets: environment.stateLinkTargets)
        let descriptor: Int32
        do {
            descriptor = try StateFiles.open(shellHistoryPath, below: workspace.stateFolder, flags: O_RDWR | O_APPEND | O_CREAT)
        } catch {
            throw error.operatorError
        }
        fchmod(descriptor, 0o600)
        // StateFiles opens without blocking (a FIFO must not hang); a plain file reads the same
        // either way, but the flag is cleared so a short read never means "try again".
        _ = fcntl(descriptor, F_SETFL, O_APPEND)
        return descriptor
    }
}
