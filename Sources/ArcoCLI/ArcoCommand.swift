import ArgumentParser

/// The `arco` command tree. The man pages, completions and docs/cli.md are generated from it.
public struct ArcoCommand: AsyncParsableCommand {
    /// The version printed by `arco --version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "arco",
        abstract: "A local-first data orchestrator: assets, partitions, runs and an event ledger.",
        discussion: """
            A workspace is a folder with an arco.yaml. Every state change is an event in an \
            append-only ledger in .arco/arco.db, and commands read the state it adds up to.

            EXIT STATUS: 0 ok; 1 the thing asked about failed; 64 usage; 65 bad input or \
            definitions; 66 not found; 69 store unavailable; 70 internal error; 74 I/O error or \
            corrupt store; 75 store busy, safe to retry. See docs/exit-codes.md.
            """,
        version: version,
        subcommands: [
            Init.self, Validate.self, Run.self, Status.self, Logs.self, Cancel.self, Rerun.self, Worker.self, Daemon.self, Asset.self,
            Backfill.self, Schedule.self, Sensor.self, Staleness.self, Reconcile.self, Partitions.self, Events.self, Ledger.self, Rebuild.self,
            Doctor.self, Shell.self,
        ]
    )

    public init() {}
}
