import ArcoCore

extension Engine {
    /// Refuses a run key typed by an operator that `RunKeyRules` does not accept.
    ///
    /// Checked before anything is planned or reserved, so a refused key leaves no trace in the
    /// ledger. Keys arco derives (reconcile, automation, backfill) are not typed and not checked
    /// here: they are built from parts already checked.
    /// - Throws: exit 65 naming the key, control characters written as `\u{XX}`.
    static func checkTypedRunKey(_ key: String?) throws {
        guard let key, let problem = RunKeyRules.problem(with: key) else { return }
        throw OperatorError(
            .dataError, "--run-key '\(RunKeyRules.printable(key))' is refused: \(problem)",
            hint: "pass one line of at most \(Limits.runKeyBytesMax) bytes, e.g. `--run-key nightly-2024-05-01`")
    }
}
