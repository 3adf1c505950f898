import ArcoCore
import ArgumentParser

/// `--from/--to`: a partition window, for `staleness report` and `reconcile plan|run`.
struct PartitionWindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only partitions from this key on (compared as text; unpartitioned assets stay).", valueName: "key"))
    var from: String?

    @Option(help: ArgumentHelp("Only partitions up to this key, inclusive (2024-01-31 takes that day's hours too).", valueName: "key"))
    var to: String?

    var window: PartitionWindow { PartitionWindow(from: from, to: to) }

    func validate() throws {
        if let from, let to, from > to, !to.hasPrefix(from) {
            throw ValidationError("--from '\(from)' comes after --to '\(to)'")
        }
    }
}

/// What a reconciliation plan covers: the assets, the partition window, and which rows count.
struct ReconcileScopeOptions: ParsableArguments {
    @Option(
        name: .customLong("select"), help: ArgumentHelp("Only these assets (`arco run`'s selection syntax).", valueName: "selection"),
        completion: CompletionCandidates.assets)
    var selection: String?

    @OptionGroup var window: PartitionWindowOptions

    @Option(help: ArgumentHelp("Only runs for stale or for missing partitions (and the runs they read).", valueName: "stale|missing"))
    var only: String?

    var onlyKind: ReconcilePlanFilter.Only? { only.flatMap { ReconcilePlanFilter.Only(rawValue: $0.lowercased()) } }

    func validate() throws {
        if let only, onlyKind == nil { throw ValidationError("--only '\(only)' is not one of stale, missing") }
    }
}
