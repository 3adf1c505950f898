/// What TAB offers at the `arco shell` prompt, decided from the words typed so far and the
/// command tree alone, so it is tested without libedit or a workspace.
///
/// Command words come from the tree, options from the command the words name, and values from
/// the workspace (asset, partitions definition, schedule and sensor names, recent run and backfill ids), chosen
/// by the value name argument-parser documents for the option or argument being typed
/// (`<run-id>`, `<backfill-id>`, `<selection>`...).
enum ShellCompletion {
    /// The workspace values a word can be.
    enum ValueKind: Hashable, CaseIterable, Sendable {
        case asset, partitionsDefinition, run, backfill, schedule, sensor
    }

    /// Words the shell itself understands besides the commands.
    static let shellWords = ["exit", "quit"]

    /// The candidates for `prefix`, the word under the cursor, after `words`.
    /// - Parameter values: the workspace's names of one kind; called only for the kinds needed.
    static func candidates(
        words: [String], prefix: String, tree: CommandInfo, values: (ValueKind) -> [String]
    ) -> [String] {
        var command = tree
        var consumedArgument = false
        for word in words where !word.hasPrefix("-") {
            if !consumedArgument, let next = command.subcommands.first(where: { $0.name == word }) {
                command = next
            } else {
                consumedArgument = true
            }
        }
        let isRoot = command.path.count == 1
        var offered: [String]
        if prefix.hasPrefix("-") {
            offered = command.arguments.filter { $0.kind != "positional" }.flatMap(\.names)
        } else if !command.subcommands.isEmpty && !consumedArgument {
            offered = command.subcommands.map(\.name) + (isRoot ? shellWords : [])
        } else {
            offered = valueKinds(after: words.last, in: command).flatMap(values)
        }
        var seen = Set<String>()
        return offered.filter { $0.hasPrefix(prefix) && seen.insert($0).inserted }.sorted()
    }

    /// The value kinds the next word can be: the value of the option just typed, or else one of
    /// the command's positional arguments.
    static func valueKinds(after previous: String?, in command: CommandInfo) -> [ValueKind] {
        if let previous, previous.hasPrefix("-") {
            if let option = command.arguments.first(where: { $0.kind == "option" && $0.names.contains(previous) }) {
                return valueKind(option.valueName).map { [$0] } ?? []
            }
        }
        return command.arguments.filter { $0.kind == "positional" }.compactMap { valueKind($0.valueName) }
    }

    /// The kind a documented value name asks for; nil for free text (keys, numbers, instants).
    static func valueKind(_ valueName: String?) -> ValueKind? {
        switch valueName {
        case "run-id": return .run
        case "backfill-id": return .backfill
        case "asset", "selection": return .asset
        case "definition": return .partitionsDefinition
        case "schedule": return .schedule
        case "sensor": return .sensor
        default: return nil
        }
    }

    /// The longest prefix every candidate shares: what a TAB inserts when several match.
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var shared = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            shared = String(zip(shared, candidate).prefix(while: { $0 == $1 }).map(\.0))
        }
        return shared
    }
}
