import ArcoCore
import ArcoEngine

/// Connects the pure completion rules to the command tree and the workspace: the tree is read
/// once per shell, the workspace's names once per TAB (they change as runs start).
struct ShellCompleter: Sendable {
    let engine: Engine

    /// The callback `LineEditor` calls with the text before the word and the word.
    func provider() -> LineEditor.Provider {
        // The tree comes from argument-parser's own description; without it TAB offers nothing.
        let tree = try? CommandInfo.tree()
        let engine = self.engine
        return { before, word in
            guard let tree else { return [] }
            var words = ShellWords.scan(before).words
            if words.first == "arco" { words.removeFirst() }
            return ShellCompletion.candidates(words: words, prefix: word, tree: tree) { kind in
                Self.values(kind, engine: engine)
            }
        }
    }

    /// The workspace's names of one kind; none when the workspace cannot say (a broken
    /// arco.yaml must not make TAB print errors into the line being edited).
    static func values(_ kind: ShellCompletion.ValueKind, engine: Engine) -> [String] {
        switch kind {
        case .asset:
            return (try? engine.loadDefinitions())?.assets.map(\.key.rawValue) ?? []
        case .partitionsDefinition:
            return (try? engine.loadDefinitions())?.partitions.map(\.name.rawValue) ?? []
        case .schedule:
            return (try? engine.loadDefinitions())?.schedules.map(\.name.rawValue) ?? []
        case .sensor:
            return (try? engine.loadDefinitions())?.sensors.map(\.name.rawValue) ?? []
        case .run:
            return (try? engine.recentRuns(limit: Limits.shellCompletionIDsMax))?.map(\.runID.rawValue) ?? []
        case .backfill:
            return (try? engine.backfills(limit: Limits.shellCompletionIDsMax))?.map(\.backfillID.rawValue) ?? []
        }
    }
}
