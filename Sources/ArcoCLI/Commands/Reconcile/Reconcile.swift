import ArgumentParser

extension ArcoCommand {
    /// `arco reconcile plan|run|tick`.
    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reconcile",
            abstract: "Plan and run the fewest runs that make stale partitions fresh.",
            discussion: """
                The plan takes the selection's stale and missing partitions, and the upstream \
                partitions they wait for, groups them into one run per partitions definition and key \
                (a range of consecutive keys when the assets' backfill_policy is single_run or \
                max_partitions_per_run), and orders the runs upstream first. Each run has the key \
                reconcile:{hash of its targets and what made them stale}: planning twice gives the \
                same plan, running it twice runs nothing twice, and targets that go stale again are \
                planned again. Verdicts are cached between commands.
                """,
            subcommands: [Plan.self, Run.self, Tick.self]
        )
    }
}
