import ArcoCore
import ArcoStore

/// One attempt's log file.
public struct StepLogFile: Sendable {
    /// The step.
    public var stepKey: StepKey
    /// The attempt (1-based).
    public var attempt: Int64
    /// Absolute path under `.arco/logs/`.
    public var path: String
}

extension Engine {
    /// The log files of a run's attempts, in plan order then attempt order.
    /// - Throws: exit 66 for an unknown run or step (with the run's step keys).
    public func logFiles(_ runID: RunID, step: String?, attempt: Int64?) throws -> [StepLogFile] {
        let (_, steps) = try runDetail(runID)
        var chosen = steps
        if let step {
            chosen = steps.filter { $0.stepKey.rawValue == step || $0.asset == step }
            guard !chosen.isEmpty else {
                let keys = steps.prefix(5).map(\.stepKey.rawValue).joined(separator: ", ")
                throw OperatorError(
                    .notFound, "run '\(runID)' has no step '\(step)'; its steps include \(keys)",
                    hint: "list the steps with `arco status \(runID)`")
            }
        }
        return chosen.flatMap { row -> [StepLogFile] in
            let attempts: [Int64] = attempt.map { $0 <= row.attempt ? [$0] : [] } ?? (row.attempt > 0 ? Array(1...row.attempt) : [])
            return attempts.map {
                StepLogFile(
                    stepKey: row.stepKey, attempt: $0,
                    path: workspace.logsFolder + "/" + LogPath.log(run: runID, step: row.stepKey, attempt: $0))
            }
        }
    }
}

extension Engine {
    /// How often `streamLogs(follow: true)` looks for new output.
    static let logsFollowInterval = Duration.milliseconds(200)

    /// Hands a run's logs to `sink` in chunks of whole lines, file by file in plan and attempt
    /// order, in bounded memory whatever their size; with `follow`, keeps handing on new output
    /// until the run has ended. A log whose file is not on this host (the run executed on
    /// another host sharing a PostgreSQL store) is read from the store's copy, within its bound.
    /// - Throws: exit 66 for an unknown run or step, 74 for a log reached through a symbolic link.
    public func streamLogs(
        _ runID: RunID, step: String?, attempt: Int64?, follow: Bool, _ sink: (StepLogFile, [UInt8]) -> Void
    ) async throws {
        let copies = try store().logChunks.map { (store: $0, run: runID) }
        var reader = StepLogReader(stateFolder: workspace.stateFolder, copies: copies)
        while true {
            // Read the run's state before the files, so nothing written before it ended is missed.
            let ended = try runDetail(runID).0.status.isTerminal
            for file in try logFiles(runID, step: step, attempt: attempt) {
                // Without --follow this is the only read: a running step's unfinished last line
                // is printed as it stands rather than held back for a read that never comes.
                try mapStoreErrors { try reader.read(file, final: ended || !follow) { sink(file, $0) } }
            }
            if !follow || ended { return }
            try await Task.sleep(for: Self.logsFollowInterval)
        }
    }
}
