/// Whether a schedule or sensor starts out running; operators toggle it later with
/// `arco schedule start|stop` and `arco sensor start|stop`.
public enum InstigatorStatus: String, Sendable, Hashable, CaseIterable {
    /// Evaluated by the daemon.
    case running
    /// Declared but not evaluated; the default, as in Dagster.
    case stopped
}
