import ArcoCore
import ArgumentParser

/// The command words of an argument list resolved against the command tree: the words that name
/// commands, and the first word that should have named one and does not (`arco statsu`).
///
/// argument-parser reports a mistyped command as "Unexpected argument", and a hint built from the
/// raw words would send the operator to `arco statsu --help`, a command that does not exist.
struct CommandWords {
    /// The words that name commands, in order (`["backfill", "status"]`).
    let path: [String]
    /// The word where a command name was expected and none matched.
    let unknown: String?
    /// The names that word could have been.
    let choices: [String]

    /// Resolves the words before the first option against the tree under `root`.
    static func resolve(_ arguments: [String], root: any ParsableCommand.Type = ArcoCommand.self) -> CommandWords {
        var command = root
        var path: [String] = []
        for word in arguments.prefix(while: { !$0.hasPrefix("-") }) {
            let subcommands = command.configuration.subcommands
            // A command without subcommands takes the remaining words as its own arguments.
            if subcommands.isEmpty || (path.isEmpty && word == "help") { break }
            guard let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) })
            else {
                // argument-parser adds `help` to the root command.
                let choices = subcommands.map { $0._commandName } + (path.isEmpty ? ["help"] : [])
                return CommandWords(path: path, unknown: word, choices: choices)
            }
            path.append(word)
            command = next
        }
        return CommandWords(path: path, unknown: nil, choices: [])
    }

    /// `arco backfill`: the deepest command named.
    var command: String { (["arco"] + path).joined(separator: " ") }

    /// The usage error for an argument-parser failure whose first line is `message`: an unknown
    /// command named as such with the closest real one, otherwise the message, and a pointer to
    /// the help of a command that exists.
    func usageError(message: String) -> OperatorError {
        guard let unknown else {
            return OperatorError(.usage, message, hint: "see `\(command) --help`")
        }
        let what = path.isEmpty ? "'\(unknown)' is not an arco command" : "'\(command)' has no command '\(unknown)'"
        guard let suggestion = NameSuggestion.closest(to: unknown, in: choices) else {
            return OperatorError(.usage, what, hint: "list the commands: `\(command) --help`")
        }
        return OperatorError(.usage, "\(what); did you mean '\(suggestion)'?", hint: "see `\(command) \(suggestion) --help`")
    }
}
