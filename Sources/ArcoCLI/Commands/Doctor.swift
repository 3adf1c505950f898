import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand {
    /// `arco doctor`.
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check definitions, the state folder, the database, permissions, the ledger's hash chain and the state read from it.",
            discussion: """
                Reports whether .arco is a folder or a symbolic link (and where it points). \
                Exits 74 when the ledger or database file is damaged, .arco is a refused link, or \
                --expect-tip names a row the ledger no longer reaches unchanged (keep one from \
                `arco ledger tip`); 1 for any other failed check; 0 when healthy. --json prints \
                {"ok", "checks": [{"name", "status", "detail", "hint"}]}.
                """
        )

        @Option(
            name: .customLong("expect-tip"),
            help: ArgumentHelp("A tip printed earlier by `arco ledger tip`: the ledger must still reach it.", valueName: "seq:hash"))
        var expectTip: String?

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let expectTip {
                do { _ = try LedgerAnchor(parsing: expectTip) } catch { throw ValidationError(error.description) }
            }
        }

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let report = try context.engine.doctor(expectedTip: try expectTip.map { try LedgerAnchor(parsing: $0) })
            if output.json {
                JSONOutput.print([
                    "ok": .bool(report.exitStatus == .ok),
                    "checks": .array(
                        report.checks.map {
                            [
                                "name": .string($0.name), "status": .string($0.status.rawValue),
                                "detail": .string($0.detail), "hint": .optional($0.hint),
                            ]
                        }),
                ])
            } else {
                printText(report, context.terminal)
            }
            if report.exitStatus != .ok { throw CommandFailure(status: report.exitStatus) }
        }

        private func printText(_ report: DoctorReport, _ terminal: Terminal) {
            for check in report.checks {
                let label: String
                switch check.status {
                case .ok: label = terminal.green("ok  ")
                case .warn: label = terminal.yellow("warn")
                case .fail: label = terminal.red("FAIL")
                }
                Console.out("\(label)  \(check.name): \(check.detail)")
                if let hint = check.hint { Console.out("      hint: \(hint)") }
            }
        }
    }
}
