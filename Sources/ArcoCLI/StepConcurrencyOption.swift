import ArgumentParser

/// `--max-concurrent-steps N`: steps running at once within a run, for `run`, `rerun` and
/// `worker`. Runs at once are `--max-concurrent-runs` wherever runs are counted (`worker`,
/// `backfill create`, `reconcile run`), so each name says what it counts. The first name,
/// `--max-concurrency`, still works and is hidden from help.
struct StepConcurrencyOption: ParsableArguments {
    @Option(
        name: .customLong("max-concurrent-steps"), parsing: .unconditional,
        help: ArgumentHelp("Steps running at once within a run (default: the number of cores).", valueName: "n"))
    var maxConcurrentSteps: Int?

    @Option(name: .customLong("max-concurrency"), parsing: .unconditional, help: .hidden)
    var maxConcurrencyAlias: Int?

    /// The limit given under either name, nil for the default.
    var value: Int? { maxConcurrentSteps ?? maxConcurrencyAlias }

    func validate() throws {
        if maxConcurrentSteps != nil && maxConcurrencyAlias != nil {
            throw ValidationError("give --max-concurrent-steps once (--max-concurrency is its old name)")
        }
        if let value, value < 1 { throw ValidationError("--max-concurrent-steps must be at least 1") }
    }
}
