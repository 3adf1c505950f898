import ArcoCore

/// The backfill object of docs/json.md.
enum BackfillJSON {
    static func backfill(_ row: BackfillRow) -> JSONValue {
        [
            "backfill_id": .string(row.backfillID.rawValue), "status": .string(row.status.rawValue),
            "state_version": .int(row.stateVersion), "selection": .string(row.selection),
            "selector": (try? JSONParser.parse(row.selector)) ?? .string(row.selector), "only": .optional(row.only),
            "parent_backfill_id": .optional(row.parentBackfillID?.rawValue),
            "counts": [
                "total": .int(row.total), "succeeded": .int(row.succeeded), "failed": .int(row.failed),
                "running": .int(row.running), "queued": .int(row.queued), "canceled": .int(row.canceled),
                "pending": .int(row.pending), "blocked": .int(row.blocked),
            ],
            "chunk_size": .int(row.chunkSize), "max_concurrent_runs": .int(row.maxConcurrentRuns),
            "created_at": .string(row.createdAt.iso8601), "ended_at": .optional(row.endedAt?.iso8601),
            "reason": .optional(row.reason),
        ]
    }

    /// A `retry-failed` child as its parent lists it.
    static func retry(_ row: BackfillRow) -> JSONValue {
        [
            "backfill_id": .string(row.backfillID.rawValue), "status": .string(row.status.rawValue),
            "total": .int(row.total), "succeeded": .int(row.succeeded), "failed": .int(row.failed),
            "blocked": .int(row.blocked),
        ]
    }

    static func partition(_ row: BackfillPartitionRow, in backfill: BackfillState) -> JSONValue {
        [
            "asset": .string(row.asset), "partition": .optional(row.partition),
            "status": .string(row.shownStatus(in: backfill)),
            "run_id": .optional(row.runID?.rawValue), "error": .optional(row.error),
        ]
    }
}
