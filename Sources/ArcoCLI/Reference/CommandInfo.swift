import ArcoCore
import ArgumentParser

/// The command tree as data, read from argument-parser's own description of it, so that man
/// pages and docs/cli.md are derived from the declarations and cannot drift from them.
struct CommandInfo {
    struct Argument {
        var kind: String
        var names: [String]
        var valueName: String?
        var abstract: String
        var isOptional: Bool
        var isRepeating: Bool
        var defaultValue: String?
    }

    var name: String
    var path: [String]
    var abstract: String
    var discussion: String
    var arguments: [Argument]
    var subcommands: [CommandInfo]

    /// The whole tree, from `arco --experimental-dump-help` evaluated in-process.
    static func tree() throws -> CommandInfo {
        let json: String
        do {
            _ = try ArcoCommand.parseAsRoot(["--experimental-dump-help"])
            throw OperatorError(.software, "argument-parser did not describe the command tree")
        } catch let error as OperatorError {
            throw error
        } catch {
            json = ArcoCommand.fullMessage(for: error)
        }
        guard let command = try JSONParser.parse(json)["command"] else {
            throw OperatorError(.software, "the command tree description has no 'command'")
        }
        return parse(command, parentPath: [])
    }

    private static func parse(_ value: JSONValue, parentPath: [String]) -> CommandInfo {
        let name = value["commandName"]?.stringValue ?? "arco"
        let path = parentPath + [name]
        let arguments = (value["arguments"]?.arrayValue ?? []).compactMap { argument -> Argument? in
            guard argument["shouldDisplay"]?.boolValue != false else { return nil }
            let names = (argument["names"]?.arrayValue ?? []).compactMap { entry -> String? in
                guard let text = entry["name"]?.stringValue else { return nil }
                return entry["kind"]?.stringValue == "short" ? "-" + text : "--" + text
            }
            return Argument(
                kind: argument["kind"]?.stringValue ?? "option", names: names,
                valueName: argument["valueName"]?.stringValue, abstract: argument["abstract"]?.stringValue ?? "",
                isOptional: argument["isOptional"]?.boolValue ?? true,
                isRepeating: argument["isRepeating"]?.boolValue ?? false,
                defaultValue: argument["defaultValue"]?.stringValue)
        }
        let subcommands = (value["subcommands"]?.arrayValue ?? []).map { parse($0, parentPath: path) }
            .filter { $0.name != "help" }
        return CommandInfo(
            name: name, path: path, abstract: value["abstract"]?.stringValue ?? "",
            discussion: value["discussion"]?.stringValue ?? "", arguments: arguments, subcommands: subcommands)
    }

    /// This command and every command below it, depth first.
    var flattened: [CommandInfo] { [self] + subcommands.flatMap(\.flattened) }

    /// `arco ledger export [--after <after>] …`.
    var synopsis: String {
        var parts = [path.joined(separator: " ")]
        if !subcommands.isEmpty { parts.append("<subcommand>") }
        for argument in arguments where argument.names.first != "--help" && argument.names.first != "-h" {
            parts.append(argument.usage)
        }
        return parts.joined(separator: " ")
    }
}

extension CommandInfo.Argument {
    /// How the argument is written in a synopsis.
    var usage: String {
        let value = valueName.map { "<\($0)>" } ?? ""
        var text: String
        switch kind {
        case "positional": text = value
        case "flag": text = names.first ?? ""
        default: text = "\(names.first ?? "") \(value)"
        }
        if isRepeating { text += " ..." }
        return isOptional ? "[\(text)]" : text
    }
}
