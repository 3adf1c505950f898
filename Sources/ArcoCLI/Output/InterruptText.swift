import ArcoCore

/// The one line a foreground command prints when SIGINT or SIGTERM stopped its run: what stays
/// in flight (nothing: the executor stopped the steps) and the command that continues.
enum InterruptText {
    /// Whether the run ended because this process was interrupted.
    static func wasInterrupted(_ run: RunRow) -> Bool {
        run.status == .canceled && (run.reason ?? "").hasPrefix("canceled: interrupted (")
    }

    /// For `arco run` and `arco rerun`: rerun exactly the steps that did not succeed.
    static func run(_ run: RunRow, steps: [StepRow]) -> String? {
        guard wasInterrupted(run) else { return nil }
        let unfinished = steps.filter { $0.status != .success }.map(\.stepKey.rawValue)
        guard !unfinished.isEmpty else { return nil }
        return "interrupted: nothing stays in flight (the steps were stopped); run what did not finish with "
            + "`arco rerun \(run.runID) --steps \(shellWord(unfinished.joined(separator: ",")))`"
    }

    /// For `arco reconcile run`: the next call plans the canceled targets again.
    static func reconcile(_ run: RunRow, notStarted: Int) -> String? {
        guard wasInterrupted(run) else { return nil }
        return "interrupted: run \(run.runID) canceled and nothing stays in flight; \(Plural.count(notStarted, "planned run")) "
            + "not started; continue with `arco reconcile run`"
    }

    /// `text` as one shell word: bare when it is plain, else single-quoted.
    static func shellWord(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "_,.-:/+=@%".utf8.contains(byte)
        }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
