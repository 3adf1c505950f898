/// Whether a schedule is evaluated: the file's `status` until an operator records a start or
/// stop, the recorded one after that (as Dagster's UI toggle overrides `default_status`).
public enum ScheduleStatusResolution {
    /// Where the effective status came from, for `schedule list`.
    public enum Source: String, Sendable, Hashable {
        /// `status:` in arco.yaml (never toggled).
        case file
        /// The last `schedule start|stop`.
        case recorded
    }

    /// The effective status and its source.
    public static func resolve(declared: InstigatorStatus, recorded: AutomationStatus?) -> (AutomationStatus, Source) {
        if let recorded { return (recorded, .recorded) }
        return (declared == .running ? .running : .stopped, .file)
    }
}
