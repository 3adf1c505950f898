import ArcoCore

/// One thing the daemon did or noticed: a log line (text, or a JSON Lines object with
/// `--json`). The daemon is quiet when nothing is due: passes that do nothing log nothing.
public struct DaemonLogLine: Sendable, Hashable {
    /// What kind of action, a stable word: `lead`, `standby`, `fenced`, `tick`, `sensor`,
    /// `launch`, `lost`, `backfill`, `automation`, `definitions`, `error`, `release`.
    public var action: String
    /// What it acted on (a tick id, a sensor, a backfill), if anything.
    public var subject: String?
    /// Why, in words.
    public var why: String
    /// The run it concerns, if any.
    public var runID: RunID?
    /// The daemon's clock when it happened.
    public var at: Timestamp
    /// Fencing tokens involved (`fenced`: `mine` and `current`; `lead`: `token`).
    public var tokens: [String: Int64]

    /// Creates a line.
    public init(
        _ action: String, subject: String? = nil, why: String, runID: RunID? = nil, at: Timestamp,
        tokens: [String: Int64] = [:]
    ) {
        self.action = action
        self.subject = subject
        self.why = why
        self.runID = runID
        self.at = at
        self.tokens = tokens
    }
}
