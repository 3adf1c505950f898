import ArcoCore
import ArcoEngine
import ArgumentParser
import Foundation

/// What TAB offers for words that name things in the workspace: asset names, partitions
/// definitions and keys, run ids and backfill ids. The shell scripts `make docs` generates call
/// `arco ---completion …` (argument-parser's hidden completion command), which runs these in the
/// binary against the workspace the command line names (`--workspace`, `ARCO_WORKSPACE`, or
/// the folder's nearest `arco.yaml`). Any failure offers nothing: a broken arco.yaml must not
/// print errors into a shell prompt.
enum CompletionCandidates {
    static let assets = CompletionKind.custom { words, _, prefix in matching(prefix, names(words) { engine in
        try engine.loadDefinitions().assets.map(\.key.rawValue)
    }) }

    static let partitionsDefinitions = CompletionKind.custom { words, _, prefix in matching(prefix, names(words) { engine in
        try engine.loadDefinitions().partitions.map(\.name.rawValue)
    }) }

    static let schedules = CompletionKind.custom { words, _, prefix in matching(prefix, names(words) { engine in
        try engine.loadDefinitions().schedules.map(\.name.rawValue)
    }) }

    static let sensors = CompletionKind.custom { words, _, prefix in matching(prefix, names(words) { engine in
        try engine.loadDefinitions().sensors.map(\.name.rawValue)
    }) }

    static let runIDs = CompletionKind.custom { words, _, prefix in matching(prefix, names(words) { engine in
        try engine.recentIDs(limit: 50).runs.map(\.rawValue)
    }) }

    static let backfillIDs = CompletionKind.custom { words, _, prefix in matching(prefix, names(words) { engine in
        try engine.recentIDs(limit: 50).backfills.map(\.rawValue)
    }) }

    /// Keys of the first partitioned asset named on the line (`arco run daily_orders --partition
    /// 2024-0<TAB>`) that start with what is typed, the latest 200.
    static let partitionKeys = CompletionKind.custom { words, _, prefix in names(words) { engine in
        let definitions = try engine.loadDefinitions()
        guard let asset = words.lazy.compactMap({ definitions.asset(AssetKey($0)) }).first(where: { $0.partitions != nil }),
            let name = asset.partitions?.rawValue
        else { return [] }
        return Array(try engine.partitionKeys(name).filter { $0.hasPrefix(prefix) }.suffix(200))
    } }

    /// The names `list` gives for the workspace of this command line; none on any error.
    private static func names(_ words: [String], _ list: (Engine) throws -> [String]) -> [String] {
        let explicit = words.firstIndex(of: "--workspace").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        guard let context = try? CommandContext(workspace: explicit) else { return [] }
        return (try? list(context.engine)) ?? []
    }

    private static func matching(_ prefix: String, _ names: [String]) -> [String] {
        names.filter { $0.hasPrefix(prefix) }
    }
}
