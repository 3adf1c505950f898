import ArgumentParser

extension ArcoCommand {
    /// `arco staleness report|explain`.
    struct Staleness: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "staleness",
            abstract: "Say which asset partitions are out of date, why, and since when.",
            discussion: """
                Reasons, first match wins: NEVER_MATERIALIZED, CODE_CHANGED, \
                UPSTREAM_NEVER_MATERIALIZED, UPSTREAM_CHANGED (an upstream data version differs from \
                the one consumed), UPSTREAM_STALE (transitively), FRESHNESS_VIOLATED (docs/adr/0011).
                """,
            subcommands: [Report.self, Explain.self]
        )
    }
}
