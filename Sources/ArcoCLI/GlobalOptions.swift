import ArcoCore
import ArgumentParser

/// Options every workspace command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The workspace folder (default: the nearest folder with an arco.yaml).",
            valueName: "dir"), completion: .directory)
    var workspace: String?

    @Option(name: .long, help: GlobalOptions.storeHelp)
    var store: String?

    /// `--store`'s help, shared with `arco init`, which takes the option without the others.
    static let storeHelp = ArgumentHelp(
        "Where the ledger lives: a PostgreSQL URL, or 'sqlite' for .arco/arco.db (default: ARCO_STORE, then store: in arco.yaml).",
        valueName: "url")
}

/// The `--json` switch of commands that print data.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document (field names in docs/json.md).")
    var json = false
}

/// `--now`, accepted wherever time decides the answer, so results are reproducible.
struct NowOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Evaluate as of this instant (ISO 8601 with Z or an offset, optional fractional seconds).",
            valueName: "iso"))
    var now: String?

    func validate() throws {
        if let now, Timestamp(iso8601: now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 instant, e.g. 2024-01-01T00:00:00Z")
        }
    }

    /// The parsed instant, if given.
    var instant: Timestamp? { now.flatMap { Timestamp(iso8601: $0) } }
}
