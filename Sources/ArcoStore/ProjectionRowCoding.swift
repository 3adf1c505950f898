import ArcoCore

/// Hand-written mapping between projection rows and SQL rows: Codable row decoding is about 3×
/// slower and names would be derived rather than fixed.
enum ProjectionRowCoding {
    static func timestamp(_ text: String) -> Timestamp {
        // Projection timestamps are written by this module in canonical form; a row that fails to
        // parse was damaged outside arco, and `doctor` reports that through the rebuild comparison.
        Timestamp(iso8601: text) ?? Timestamp(microsecondsSinceEpoch: 0)
    }

    static func optionalTimestamp(_ text: String?) -> Timestamp? {
        text.map(timestamp)
    }

    static func strings(_ text: String) -> [String] {
        guard let value = try? JSONParser.parse(text), let array = value.arrayValue else { return [] }
        return array.compactMap(\.stringValue)
    }

    static func stringMap(_ text: String) -> [String: String] {
        guard let value = try? JSONParser.parse(text), let object = value.objectValue else { return [:] }
        return object.compactMapValues(\.stringValue)
    }

    /// A stored enum value, refused when this build does not know it: defaulting (an unknown
    /// status read as QUEUED) would let damaged or newer rows pass for something they are not.
    static func value<Value: RawRepresentable>(_ raw: String, table: String, column: String) throws(StoreError) -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw StoreError.unknownValue(table: table, column: column, value: String(raw.prefix(40)))
        }
        return value
    }

    static func runRow(_ row: SQLRow) throws -> RunRow {
        RunRow(
            runID: RunID(row[0]), runKey: (row[1] as String?).map(RunKey.init), fingerprint: row[2],
            selection: row[3], tags: stringMap(row[4]),
            trigger: RunTrigger(kind: try value(row[5], table: "runs", column: "trigger_kind"), reference: row[6]),
            status: try value(row[7], table: "runs", column: "status"), requestedAt: timestamp(row[8]),
            startedAt: optionalTimestamp(row[9]), finishedAt: optionalTimestamp(row[10]), executions: row[11],
            pid: row[12], host: row[13], cancelRequested: row[14], reason: row[15], stepsTotal: row[16],
            stepsSucceeded: row[17], stepsFailed: row[18], stepsSkipped: row[19], stepsCanceled: row[20],
            requestedSeq: row[21], parentRunID: (row[22] as String?).map(RunID.init),
            rootRunID: (row[23] as String?).map(RunID.init), partitions: row[24])
    }

    static func arguments(_ run: RunRow) -> SQLArguments {
        [
            run.runID.rawValue, run.runKey?.rawValue, run.fingerprint, run.selection,
            CanonicalJSON.encode(.stringMap(run.tags)), run.trigger.kind.rawValue, run.trigger.reference,
            run.status.rawValue, run.requestedAt.iso8601, run.startedAt?.iso8601, run.finishedAt?.iso8601,
            run.executions, run.pid, run.host, run.cancelRequested, run.reason, run.stepsTotal,
            run.stepsSucceeded, run.stepsFailed, run.stepsSkipped, run.stepsCanceled, run.requestedSeq,
            run.parentRunID?.rawValue, run.rootRunID?.rawValue, run.partitions,
        ]
    }

    static func stepRow(_ row: SQLRow) throws -> StepRow {
        StepRow(
            runID: RunID(row[0]), stepKey: StepKey(row[1]), position: row[2], asset: row[3], partition: row[4],
            partitionRange: strings(row[5]), dependsOn: strings(row[6]).map(StepKey.init),
            status: try value(row[7], table: "steps", column: "status"), attempt: row[8],
            attemptID: (row[9] as String?).map(AttemptID.init), startedAt: optionalTimestamp(row[10]),
            finishedAt: optionalTimestamp(row[11]), exitCode: row[12], reason: row[13],
            canonicalPartitions: strings(row[14]))
    }

    static func arguments(_ step: StepRow) -> SQLArguments {
        [
            step.runID.rawValue, step.stepKey.rawValue, step.position, step.asset, step.partition,
            CanonicalJSON.encode(.strings(step.partitionRange)),
            CanonicalJSON.encode(.strings(step.dependsOn.map(\.rawValue))), step.status.rawValue, step.attempt,
            step.attemptID?.rawValue, step.startedAt?.iso8601, step.finishedAt?.iso8601, step.exitCode, step.reason,
            CanonicalJSON.encode(.strings(step.canonicalPartitions)),
        ]
    }

    static func partitionStatusRow(_ row: SQLRow) -> PartitionStatusRow {
        var status = PartitionStatusRow(asset: row[0], partitionKey: row[1], partition: row[2])
        status.lastMaterializationSeq = row[3]
        status.lastMaterializedAt = optionalTimestamp(row[4])
        status.lastMaterializationRunID = (row[5] as String?).map(RunID.init)
        status.dataVersion = row[6]
        status.codeVersion = row[7]
        status.lastAttemptRunID = (row[8] as String?).map(RunID.init)
        status.lastAttemptOutcome = (row[9] as String?).flatMap(StepOutcome.init(rawValue:))
        status.lastAttemptAt = optionalTimestamp(row[10])
        status.inProgressRunID = (row[11] as String?).map(RunID.init)
        status.dataVersionSince = optionalTimestamp(row[12])
        return status
    }

    static func arguments(_ status: PartitionStatusRow) -> SQLArguments {
        [
            status.asset, status.partitionKey, status.partition, status.lastMaterializationSeq,
            status.lastMaterializedAt?.iso8601, status.lastMaterializationRunID?.rawValue, status.dataVersion,
            status.codeVersion, status.lastAttemptRunID?.rawValue, status.lastAttemptOutcome?.rawValue,
            status.lastAttemptAt?.iso8601, status.inProgressRunID?.rawValue, status.dataVersionSince?.iso8601,
        ]
    }

    static func materializationRow(_ row: SQLRow) -> MaterializationRow {
        MaterializationRow(
            seq: row[0], asset: row[1], partitionKey: row[2], partition: row[3], runID: (row[4] as String?).map(RunID.init),
            stepKey: (row[5] as String?).map(StepKey.init), attempt: row[6], codeVersion: row[7], dataVersion: row[8],
            consumed: row[9], materializedAt: timestamp(row[10]))
    }

    static func backfillRow(_ row: SQLRow) throws -> BackfillRow {
        var backfill = BackfillRow(
            backfillID: BackfillID(row[0]), status: try value(row[1], table: "backfills", column: "status"), requestKey: row[3],
            fingerprint: row[4], selection: row[5], selector: row[6], only: row[7],
            parentBackfillID: (row[8] as String?).map(BackfillID.init), total: row[9], chunkSize: row[10],
            maxConcurrentRuns: row[11], createdAt: timestamp(row[19]), createdSeq: row[23])
        backfill.stateVersion = row[2]
        backfill.plannedChunks = row[12]
        backfill.planned = row[13]
        backfill.queued = row[14]
        backfill.running = row[15]
        backfill.succeeded = row[16]
        backfill.failed = row[17]
        backfill.canceled = row[18]
        backfill.updatedAt = timestamp(row[20])
        backfill.endedAt = optionalTimestamp(row[21])
        backfill.reason = row[22]
        return backfill
    }

    static func arguments(_ backfill: BackfillRow) -> SQLArguments {
        [
            backfill.backfillID.rawValue, backfill.status.rawValue, backfill.stateVersion, backfill.requestKey,
            backfill.fingerprint, backfill.selection, backfill.selector, backfill.only,
            backfill.parentBackfillID?.rawValue, backfill.total, backfill.chunkSize, backfill.maxConcurrentRuns,
            backfill.plannedChunks, backfill.planned, backfill.queued, backfill.running, backfill.succeeded,
            backfill.failed, backfill.canceled, backfill.createdAt.iso8601, backfill.updatedAt.iso8601,
            backfill.endedAt?.iso8601, backfill.reason, backfill.createdSeq,
        ]
    }

    /// An unpartitioned asset's target is stored with an empty display key (a primary-key
    /// column cannot be NULL).
    static func backfillPartitionRow(_ row: SQLRow) throws -> BackfillPartitionRow {
        let display: String = row[2]
        return BackfillPartitionRow(
            backfillID: BackfillID(row[0]), position: row[3], asset: row[1], partition: display.isEmpty ? nil : display,
            chunkIndex: row[4], status: try value(row[5], table: "backfill_partitions", column: "status"),
            runID: (row[6] as String?).map(RunID.init), attempt: row[7], error: row[8], updatedAt: timestamp(row[9]))
    }

    static func arguments(_ partition: BackfillPartitionRow) -> SQLArguments {
        [
            partition.backfillID.rawValue, partition.asset, partition.partition ?? "", partition.position,
            partition.chunkIndex, partition.status.rawValue, partition.runID?.rawValue, partition.attempt,
            partition.error, partition.updatedAt.iso8601,
        ]
    }
}
