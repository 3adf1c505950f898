import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Backfill {
    /// `arco backfill pause ID`.
    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pause",
            abstract: "Stop planning new runs; runs in flight finish.",
            discussion: """
                Valid from PENDING or RUNNING; pausing a PAUSED backfill changes nothing. Exit 65 naming the \
                current state for a backfill that ended. --json prints the backfill object.
                """
        )

        @Argument(help: ArgumentHelp("The backfill (its id or a unique prefix of it).", valueName: "backfill-id"), completion: CompletionCandidates.backfillIDs)
        var backfillID: String?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let (backfill, unchanged) = try context.engine.changeBackfillState(
                MissingID.backfill(backfillID, context.engine, command: "arco backfill pause", statuses: [.running]), to: .paused, reason: "paused")
            BackfillStateReport.print(backfill, unchanged: unchanged, verb: "paused", context: context)
        }
    }

    /// `arco backfill resume ID`.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Continue a paused backfill (or take over one whose driver is gone) and drive it to the end.",
            discussion: """
                A PAUSED backfill becomes RUNNING; a PENDING or RUNNING one is driven from where it stopped. \
                Runs already requested are not requested again. Like create: in the foreground until it \
                ends, or --detach to leave it to `arco worker`; exit 0 when it succeeded, 1 when it failed or \
                was canceled, 65 for a backfill that ended.
                """
        )

        @Argument(help: ArgumentHelp("The backfill (its id or a unique prefix of it).", valueName: "backfill-id"), completion: CompletionCandidates.backfillIDs)
        var backfillID: String?

        @Flag(help: "Mark it RUNNING and return; `arco worker` drives it.")
        var detach = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let id = try MissingID.backfill(
                backfillID, context.engine, command: "arco backfill resume", statuses: [.paused, .running, .pending])
            var (backfill, _) = try context.engine.backfillDetail(id)
            if backfill.status.isFinal {
                throw OperatorError(
                    .dataError, "backfill '\(id)' is \(backfill.status.rawValue) and cannot be resumed",
                    hint: backfill.status == .failed ? "retry what failed: `arco backfill retry-failed \(id)`"
                        : "see it with `arco backfill status \(id)`")
            }
            if backfill.status == .paused {
                backfill = try context.engine.changeBackfillState(id, to: .running, reason: "resumed").backfill
            }
            try await BackfillDriving.finish(backfill, existing: false, detach: detach, context: context)
        }
    }

    /// `arco backfill cancel ID`.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Plan nothing new and cancel queued runs; running ones finish unless --terminate.",
            discussion: """
                Idempotent: canceling a CANCELED backfill changes nothing. Exit 65 naming the state for a \
                backfill that already succeeded or failed. --json prints the backfill object.
                """
        )

        @Argument(help: ArgumentHelp("The backfill (its id or a unique prefix of it).", valueName: "backfill-id"), completion: CompletionCandidates.backfillIDs)
        var backfillID: String?

        @Flag(help: "Also cancel the runs executing now (their steps are stopped).")
        var terminate = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let (backfill, unchanged) = try context.engine.cancelBackfill(
                MissingID.backfill(backfillID, context.engine, command: "arco backfill cancel", statuses: [.running, .paused, .pending]),
                terminate: terminate)
            BackfillStateReport.print(backfill, unchanged: unchanged, verb: "canceled", context: context)
        }
    }

    /// `arco backfill retry-failed ID`.
    struct RetryFailed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry-failed",
            abstract: "Create a child backfill of exactly what did not succeed in a FAILED backfill, and drive it.",
            discussion: """
                The child covers the failed and canceled partitions and those that never ran because a \
                partition they read failed; nothing that succeeded. Without --idempotency-key its key \
                derives from the parent and that set, so repeating the command returns the same child \
                ("existing": true). Drives like create: exit 0 when it succeeded, 1 when it failed, 65 when \
                the parent is not FAILED.
                """
        )

        @Argument(help: ArgumentHelp("The failed backfill (its id or a unique prefix of it).", valueName: "backfill-id"), completion: CompletionCandidates.backfillIDs)
        var backfillID: String?

        @Option(help: ArgumentHelp("A repeat with this key returns the same child.", valueName: "key"))
        var idempotencyKey: String?

        @Flag(help: "Record the child and return; `arco worker` drives it.")
        var detach = false

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let creation = try context.engine.retryFailedBackfill(
                MissingID.backfill(backfillID, context.engine, command: "arco backfill retry-failed", statuses: [.failed]),
                idempotencyKey: idempotencyKey)
            try await BackfillDriving.finish(creation.backfill, existing: creation.existing, detach: detach, context: context)
        }
    }
}

/// The answer of pause and cancel.
enum BackfillStateReport {
    static func print(_ backfill: BackfillRow, unchanged: Bool, verb: String, context: CommandContext) {
        if context.json {
            JSONOutput.print(BackfillJSON.backfill(backfill))
        } else if unchanged {
            Console.out("backfill \(backfill.backfillID) was already \(verb)")
        } else {
            Console.out("backfill \(backfill.backfillID) \(BackfillText.coloured(backfill.status.rawValue, context.terminal)): "
                + BackfillText.counts(backfill))
        }
    }
}
