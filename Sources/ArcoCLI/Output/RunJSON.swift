import ArcoCore

/// The run and step objects of the JSON contract (docs/json.md), shared by `run`, `status`,
/// `cancel` and `rerun`. Only ledger facts appear: no local paths, no "time ago".
enum RunJSON {
    static func run(_ run: RunRow, steps: [StepRow]?) -> JSONValue {
        var object: [String: JSONValue] = [
            "run_id": .string(run.runID.rawValue), "status": .string(run.status.rawValue),
            "run_key": .optional(run.runKey?.rawValue), "parent_run_id": .optional(run.parentRunID?.rawValue),
            "root_run_id": .optional(run.rootRunID?.rawValue), "selection": .string(run.selection),
            "partitions": .optional(run.partitions), "tags": .stringMap(run.tags),
            "trigger": ["kind": .string(run.trigger.kind.rawValue), "ref": .optional(run.trigger.reference)],
            "created_at": .string(run.requestedAt.iso8601), "started_at": .optional(run.startedAt?.iso8601),
            "ended_at": .optional(run.finishedAt?.iso8601), "reason": .optional(run.reason),
        ]
        if let steps { object["steps"] = .array(steps.map(step)) }
        return .object(object)
    }

    static func step(_ step: StepRow) -> JSONValue {
        [
            "step_key": .string(step.stepKey.rawValue), "asset": .string(step.asset),
            "partition": step.partition.map(JSONValue.string)
                ?? (step.partitionRange.isEmpty ? .null : .string("\(step.partitionRange[0])...\(step.partitionRange.last!)")),
            "status": .string(step.status.rawValue), "attempts": .int(step.attempt),
            "started_at": .optional(step.startedAt?.iso8601), "ended_at": .optional(step.finishedAt?.iso8601),
            "exit_code": .optional(step.exitCode), "error": .optional(step.status == .success ? nil : step.reason),
        ]
    }
}
