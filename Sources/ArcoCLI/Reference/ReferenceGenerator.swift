import ArcoCore
import Foundation
import ArgumentParser

/// Renders the checked-in reference files: man pages, shell completions and docs/cli.md.
///
/// `make docs` writes them; a test fails when the checked-in copies differ from what the
/// current command tree renders.
public enum ReferenceGenerator {
    /// Every generated file, keyed by its path relative to the repository root.
    public static func files() throws -> [String: String] {
        let tree = try CommandInfo.tree()
        var files = [String: String]()
        for command in tree.flattened {
            files["man/\(command.path.joined(separator: "-")).1"] = ManualPage.render(command, root: tree)
        }
        files["completions/arco.bash"] = ArcoCommand.completionScript(for: .bash)
        files["completions/_arco"] = ArcoCommand.completionScript(for: .zsh)
        files["completions/arco.fish"] = ArcoCommand.completionScript(for: .fish)
        files["docs/cli.md"] = CLIReference.render(tree)
        return files
    }
}

/// One mdoc(7) page per command.
enum ManualPage {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }

    static func render(_ command: CommandInfo, root: CommandInfo) -> String {
        let title = command.path.joined(separator: "-").uppercased()
        var lines = [
            ".\\\" Generated from the command tree by `make docs`; do not edit.",
            ".Dd \(ArcoCommand.version)", ".Dt \(title) 1", ".Os", ".Sh NAME",
            ".Nm \(command.path.joined(separator: " "))", ".Nd \(escape(command.abstract))", ".Sh SYNOPSIS",
            ".Nm \(command.path.joined(separator: " "))",
            escape(command.synopsis.split(separator: " ").dropFirst(command.path.count).joined(separator: " ")),
        ]
        if !command.discussion.isEmpty {
            // Paragraphs are escaped one by one, then joined by `.Pp`: escaping the joined text
            // would turn the macro itself into a literal ".Pp" in the middle of the page.
            let paragraphs = command.discussion.components(separatedBy: "\n\n").map(escape)
            lines += [".Sh DESCRIPTION", paragraphs.joined(separator: "\n.Pp\n")]
        }
        if !command.subcommands.isEmpty {
            lines += [".Sh SUBCOMMANDS", ".Bl -tag -width 6n"]
            for sub in command.subcommands { lines += [".It Cm \(sub.name)", escape(sub.abstract)] }
            lines.append(".El")
        }
        let options = command.arguments.filter { !$0.names.isEmpty || $0.kind == "positional" }
        if !options.isEmpty {
            lines += [".Sh OPTIONS", ".Bl -tag -width 6n"]
            for option in options {
                lines += [".It Li \(escape(option.usage))", escape(option.abstract + (option.defaultValue.map { " (default: \($0))" } ?? ""))]
            }
            lines.append(".El")
        }
        lines += environmentSection() + exitStatusSection()
        let related = relatedPaths(command, in: root).map { ".Xr \($0.joined(separator: "-")) 1" }
        if !related.isEmpty { lines += [".Sh SEE ALSO"] + related.enumerated().map { $0.offset < related.count - 1 ? $0.element + " ," : $0.element } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The pages a reader of `command`'s page goes to next: its parent, its own subcommands, then
    /// its siblings (`sensor eval` leads to `sensor`, `sensor push`, `sensor cursor`, ...).
    static func relatedPaths(_ command: CommandInfo, in root: CommandInfo) -> [[String]] {
        let parent = Array(command.path.dropLast())
        let all = root.flattened.map(\.path)
        let children = all.filter { $0.count == command.path.count + 1 && Array($0.dropLast()) == command.path }
        let siblings = all.filter { $0.count == command.path.count && Array($0.dropLast()) == parent && $0 != command.path }
        return (parent.isEmpty ? [] : [parent]) + children + siblings
    }

    static func environmentSection() -> [String] {
        [
            ".Sh ENVIRONMENT", ".Bl -tag -width 6n",
            ".It Ev ARCO_WORKSPACE", "The workspace folder, when --workspace is not given.",
            ".It Ev ARCO_STORE", "The store, when --store is not given: a PostgreSQL URL, or sqlite (default: store: in arco.yaml, then .arco/arco.db).",
            ".It Ev ARCO_HOST", "The host name recorded on runs and leases (default: the system's).",
            ".It Ev ARCO_HEARTBEAT_TIMEOUT_MS", "How long a run executing on another host may go without a heartbeat before it is failed as lost (default 60000; the same on every host).",
            ".It Ev ARCO_BUSY_TIMEOUT_MS", "How long a writer waits for the store's write lock (default 10000).",
            ".It Ev ARCO_SYNCHRONOUS", "normal trades the last commits on power loss for faster commits (default full).",
            ".It Ev ARCO_STATE_DIR", "The folder (or :-separated folders) a symbolic-link .arco may point to; any other link is refused.",
            ".It Ev NO_COLOR", "Disables colour even on a terminal.", ".El",
        ]
    }

    static func exitStatusSection() -> [String] {
        var lines = [".Sh EXIT STATUS", ".Bl -tag -width 4n"]
        for status in ExitStatus.allCases {
            lines += [".It \(status.rawValue)", "\(status.description): \(ExitStatusText.meaning(status))"]
        }
        lines.append(".El")
        return lines
    }
}

/// The one-line meaning of each exit status, shared by the man pages and docs.
enum ExitStatusText {
    static func meaning(_ status: ExitStatus) -> String {
        switch status {
        case .ok: return "everything asked for was done"
        case .failure: return "the thing asked about failed (a run failed, a check found problems)"
        case .usage: return "the command line was wrong"
        case .dataError: return "bad input or definitions, including a run-key conflict"
        case .notFound: return "a workspace, run, file or other named thing does not exist"
        case .unavailable: return "the store cannot be opened"
        case .software: return "an internal error (a bug in arco)"
        case .ioError: return "an I/O error, a full disk or a corrupt store (including a broken hash chain)"
        case .tempFail: return "the store is busy; retrying is safe"
        }
    }
}

/// docs/cli.md: every command with its synopsis, options and description.
enum CLIReference {
    static func render(_ tree: CommandInfo) -> String {
        var lines = [
            "# Command reference", "",
            "Generated from the command tree by `make docs`; a test fails when this file is stale.",
            "Global options may also be written before the command: `arco --workspace DIR events`.", "",
        ]
        for command in tree.flattened {
            lines += ["## `\(command.path.joined(separator: " "))`", "", command.abstract, ""]
            lines += ["```", command.synopsis, "```", ""]
            if !command.discussion.isEmpty { lines += [command.discussion, ""] }
            let options = command.arguments.filter { $0.names.first != "--help" && $0.names.first != "--version" }
            if !options.isEmpty {
                lines += ["| option | meaning |", "|---|---|"]
                for option in options {
                    let meaning = option.abstract + (option.defaultValue.map { " Default: `\($0)`." } ?? "")
                    lines.append("| `\(option.usage)` | \(meaning.replacingOccurrences(of: "|", with: "\\|")) |")
                }
                lines.append("")
            }
            if !command.subcommands.isEmpty {
                lines += ["Subcommands: " + command.subcommands.map { "`\($0.name)`" }.joined(separator: ", "), ""]
            }
        }
        return lines.joined(separator: "\n")
    }
}
