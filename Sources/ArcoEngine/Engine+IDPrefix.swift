import ArcoCore
import Foundation

extension Engine {
    /// The run an operator means by `text`: the run with that id, or the only run whose id
    /// starts with it, as git accepts a unique prefix of a commit.
    /// - Throws: `OperatorError` 66 when nothing matches, 64 when the prefix names several runs.
    public func resolveRunID(_ text: String) throws -> RunID {
        let store = try store()
        let matches = try mapStoreErrors {
            try store.read { reader -> [RunID] in
                if try reader.run(RunID(text)) != nil { return [RunID(text)] }
                return try reader.runIDs(startingWith: text, limit: Self.prefixMatchesShown + 1)
            }
        }
        return try Self.unique(matches, text: text, noun: "run", listHint: "list runs: `arco status`")
    }

    /// The backfill an operator means by `text`: that id, or the only one that starts with it.
    public func resolveBackfillID(_ text: String) throws -> BackfillID {
        let store = try store()
        let matches = try mapStoreErrors {
            try store.read { reader -> [BackfillID] in
                if try reader.backfill(BackfillID(text)) != nil { return [BackfillID(text)] }
                return try reader.backfillIDs(startingWith: text, limit: Self.prefixMatchesShown + 1)
            }
        }
        return try Self.unique(matches, text: text, noun: "backfill", listHint: "list them: `arco backfill list`")
    }

    /// The most recent run and backfill ids, newest first, for shell completion: read only (no
    /// lost-run reaping, which writes), and nothing at all when the store does not exist yet, so
    /// pressing TAB never creates `.arco`.
    public func recentIDs(limit: Int) throws -> (runs: [RunID], backfills: [BackfillID]) {
        guard FileManager.default.fileExists(atPath: workspace.databasePath) else { return ([], []) }
        let store = try store()
        return try mapStoreErrors {
            try store.read { reader in
                (try reader.recentRuns(limit: limit).map(\.runID), try reader.backfills(statuses: [], limit: limit).map(\.backfillID))
            }
        }
    }

    /// How many candidates an ambiguous prefix error lists.
    static let prefixMatchesShown = 5

    private static func unique<ID: StringIdentifier>(_ matches: [ID], text: String, noun: String, listHint: String) throws -> ID
    {
        switch matches.count {
        case 1:
            return matches[0]
        case 0:
            throw OperatorError(.notFound, "no \(noun) '\(text)'", hint: listHint)
        default:
            let shown = matches.prefix(prefixMatchesShown).map(\.rawValue)
            let more = matches.count > prefixMatchesShown ? ", …" : ""
            throw OperatorError(
                .usage, "'\(text)' is the start of several \(noun) ids: \(shown.joined(separator: ", "))\(more)",
                hint: "give more of the id; \(listHint)")
        }
    }
}
