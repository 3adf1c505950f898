import ArcoCore
import ArcoEngine

/// What a command that needs a run or backfill id does when given none: `logs` and
/// `backfill status` take the latest, which is what an operator means there; commands that
/// change something (cancel, rerun, pause, resume, retry-failed) never guess, and list the ids
/// they could act on instead, with the command to copy (issue 17, item 11).
enum MissingID {
    /// How many choices the error lists.
    static let choicesShown = 5

    /// The most recently requested run.
    static func latestRun(_ engine: Engine) throws -> RunID {
        guard let run = try engine.recentRuns(limit: 1).first else {
            throw OperatorError(.notFound, "no runs yet", hint: "start one with `arco run ASSET`")
        }
        return run.runID
    }

    /// The most recently created backfill.
    static func latestBackfill(_ engine: Engine) throws -> BackfillID {
        guard let backfill = try engine.backfills(limit: 1).first else {
            throw OperatorError(.notFound, "no backfills yet", hint: "start one with `arco backfill create --select ASSET --all`")
        }
        return backfill.backfillID
    }

    /// The run `text` names, or, without one, the usage error listing the runs in `statuses`.
    static func run(_ text: String?, _ engine: Engine, command: String, statuses: [RunStatus]) throws -> RunID {
        guard let text else { throw try runs(engine, command: command, statuses: statuses) }
        return try engine.resolveRunID(text)
    }

    /// The backfill `text` names, or, without one, the usage error listing those in `statuses`.
    static func backfill(_ text: String?, _ engine: Engine, command: String, statuses: [BackfillState]) throws
        -> BackfillID
    {
        guard let text else { throw try backfills(engine, command: command, statuses: statuses) }
        return try engine.resolveBackfillID(text)
    }

    /// The usage error for `arco COMMAND` without a run id, listing the runs in `statuses`.
    static func runs(_ engine: Engine, command: String, statuses: [RunStatus]) throws -> OperatorError {
        let runs = try engine.recentRuns(limit: choicesShown, statuses: statuses)
        let lines = runs.map { "\($0.runID)  \($0.status.rawValue)  \($0.selection)" }
        return error(command: command, noun: "run", choices: lines, example: runs.first?.runID.rawValue, listHint: "list runs: `arco status`")
    }

    /// The usage error for `arco backfill COMMAND` without an id, listing backfills in `statuses`.
    static func backfills(_ engine: Engine, command: String, statuses: [BackfillState]) throws -> OperatorError {
        let backfills = try engine.backfills(statuses: statuses, limit: choicesShown)
        let lines = backfills.map { "\($0.backfillID)  \($0.status.rawValue)" }
        return error(
            command: command, noun: "backfill", choices: lines, example: backfills.first?.backfillID.rawValue,
            listHint: "list them: `arco backfill list`")
    }

    private static func error(command: String, noun: String, choices: [String], example: String?, listHint: String)
        -> OperatorError
    {
        guard let example else {
            return OperatorError(.usage, "`\(command)` needs a \(noun) id, and no \(noun) can take it now", hint: listHint)
        }
        return OperatorError(
            .usage, "`\(command)` needs a \(noun) id; candidates:", hint: "`\(command) \(example)`", details: choices)
    }
}
