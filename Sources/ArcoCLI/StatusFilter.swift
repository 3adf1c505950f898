import ArcoCore
import ArgumentParser

/// Status names typed in filters (`status --status`, `backfill list --status`), in any case and
/// in either vocabulary: runs say SUCCESS and FAILURE as Dagster's runs do, backfills SUCCEEDED
/// and FAILED as Dagster's backfills do, and an operator should not have to remember which
/// (docs/json.md, "Statuses").
enum StatusFilter {
    /// The other vocabulary's words for the outcomes both have.
    private static let runSpellings = ["SUCCEEDED": RunStatus.success, "FAILED": .failure, "CANCELLED": .canceled]
    private static let backfillSpellings = ["SUCCESS": BackfillState.succeeded, "FAILURE": .failed, "CANCELLED": .canceled]

    static func run(_ text: String) throws -> RunStatus {
        let word = text.uppercased()
        guard let status = RunStatus(rawValue: word) ?? runSpellings[word] else {
            throw ValidationError("--status '\(text)' is not one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }

    static func backfill(_ text: String) throws -> BackfillState {
        let word = text.uppercased()
        guard let state = BackfillState(rawValue: word) ?? backfillSpellings[word] else {
            throw ValidationError("--status '\(text)' is not one of \(BackfillState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return state
    }
}
