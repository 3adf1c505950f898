import ArcoCore
import ArcoStore

/// One pass's view of the heartbeats (`Engine.heartbeatSnapshot`).
final class HeartbeatSnapshot {
    private let shared: (any HeartbeatStore)?
    private let file: (RunID) -> Timestamp?
    private var rows: [RunID: Timestamp]?

    init(shared: (any HeartbeatStore)?, file: @escaping (RunID) -> Timestamp?) {
        self.shared = shared
        self.file = file
    }

    /// The last beat of `runID`; nil when none was written or the store could not be read (the
    /// run is then judged by its start, as if it had never beaten).
    func last(_ runID: RunID) -> Timestamp? {
        guard let shared else { return file(runID) }
        if rows == nil { rows = (try? shared.allHeartbeats()) ?? [:] }
        return rows?[runID]
    }
}
