import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ArcoCommand {
    /// `arco shell`: an interactive console running arco commands in-process.
    struct Shell: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shell",
            abstract: "An interactive console: type arco commands without the word arco, with history and TAB completion.",
            discussion: """
                Each line is an arco command (`asset list`, `status --limit 1`), split with shell quoting and run \
                in this process. Up and Down recall earlier lines, kept in .arco/shell_history (mode 0600); TAB \
                completes commands, options, asset and partitions definition names, and recent run and backfill \
                ids. Ctrl-C drops the line being typed, or stops a running run, rerun or worker; Ctrl-D or `exit` \
                leaves. When standard input is not a terminal the lines run as a script: blank lines and # comments \
                are skipped, and the first command that fails ends the shell with its exit status.
                """
        )

        @OptionGroup var global: GlobalOptions

        /// Prints each command's time on stderr (docs/benchmarks.md).
        @Flag(name: .long, help: .hidden)
        var timing = false

        func run() async throws {
            let context = try CommandContext(global)
            // Every line runs in the shell's workspace, even after a command changed the
            // current folder's meaning: a line's own --workspace still wins.
            setenv("ARCO_WORKSPACE", context.engine.workspace.root, 1)
            let session = ShellSession(engine: context.engine, timing: timing)
            let status = isatty(STDIN_FILENO) == 1 ? await session.runInteractive() : await session.runScript()
            if status != ExitStatus.ok.rawValue { throw CommandFailure(code: status) }
        }
    }
}
