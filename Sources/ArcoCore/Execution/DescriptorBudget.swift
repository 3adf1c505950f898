/// How many steps one process may run at once within its open-file limit (`ulimit -n`).
///
/// Each running step holds descriptors in the executing process: its log, the output pipe (two
/// ends and a second write end for standard error), the copier's wake-up pipe, the pidfd it is
/// reaped through, and, for the moment of spawning, `/dev/null` and an exec-status pipe. When the limit ran out, spawns failed by the hundred and
/// swift-subprocess could lose track of children it had started (zombies never reaped, a run that
/// ignored SIGINT and SIGTERM). Capping concurrency keeps every spawn within the limit.
public enum DescriptorBudget {
    /// The most steps that may run at once under `descriptorLimit`; at least one, so a run
    /// always progresses (a limit that small fails loudly at the spawn instead).
    public static func stepsAllowed(descriptorLimit: Int) -> Int {
        guard descriptorLimit > Limits.reservedDescriptors else { return 1 }
        return max(1, (descriptorLimit - Limits.reservedDescriptors) / Limits.descriptorsPerStep)
    }

    /// The step concurrency of each of `runs` runs executed by one process (a worker), and how
    /// many runs it may execute at once, so that together they stay within the limit.
    public static func split(runs: Int, stepsPerRun: Int, descriptorLimit: Int) -> (runs: Int, stepsPerRun: Int) {
        let total = stepsAllowed(descriptorLimit: descriptorLimit)
        let runs = max(1, min(runs, total))
        return (runs, max(1, min(stepsPerRun, total / runs)))
    }
}
