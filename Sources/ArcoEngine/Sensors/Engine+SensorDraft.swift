import ArcoCore
import ArcoStore

extension Engine {
    /// Runs a poll (or push) sensor's command and turns its answer into a draft: ERROR for a
    /// failed or malformed answer, else the answer's status, cursor and planned runs. Dynamic
    /// partitions the answer adds are recorded first, so its runs can name them.
    func commandDraft(
        _ sensor: SensorDefinition, command: ProcessCommand, timeout: Duration, trigger: SensorTrigger,
        state: SensorStateRow, evalID: String, definitions: WorkspaceDefinitions, now: Timestamp,
        payload: (bytes: [UInt8], path: String, messageID: String)? = nil
    ) throws -> SensorDraft {
        let name = sensor.name.rawValue
        var environment = [
            "ARCO_SENSOR_NAME": name, "ARCO_SENSOR_CURSOR": state.cursor ?? "",
            "ARCO_SENSOR_LAST_EVALUATED": state.lastEvaluatedAt?.iso8601 ?? "", "ARCO_WORKSPACE": workspace.root,
            "ARCO_SENSOR_EVAL_ID": evalID,
        ]
        if let payload {
            environment["ARCO_SENSOR_MESSAGE_ID"] = payload.messageID
            environment["ARCO_SENSOR_PAYLOAD_FILE"] = payload.path
        }
        let result = SensorCommandRunner.run(
            SensorCommandInvocation(
                command: command, environment: environment, workingDirectory: workspace.root,
                stdinPath: payload?.path, timeout: timeout, scratchFolder: workspace.stateFolder + "/tmp/sensors",
                stateFolder: workspace.stateFolder))
        func failed(_ reason: String) -> SensorDraft {
            .failed(name, evalID: evalID, trigger: trigger, cursor: state.cursor, reason: reason, payload: payload?.bytes)
        }
        if let failure = result.failure { return failed(failure) }
        guard case .exited(_, let output, let tail) = result else { return failed("the command did not exit") }
        let answer: SensorAnswer
        do {
            answer = try SensorAnswer.parse(output)
        } catch {
            // What the command said on stderr is often why its output is not an answer.
            return failed(tail.isEmpty ? error.description : "\(error.description); stderr: \(tail)")
        }
        do {
            for (definition, keys) in answer.addPartitions.sorted(by: { $0.key < $1.key }) where !keys.isEmpty {
                _ = try changeDynamicPartitions(definition, add: keys, remove: [])
            }
            let requests = SensorRunKeys.firstOfEachKey(answer.runRequests.enumerated().map { index, request in
                SensorRunRequest(
                    runKey: SensorRunKeys.key(for: request, sensor: name, evalID: evalID, index: index),
                    selection: request.select ?? sensor.target, partition: request.partition,
                    tags: sensor.tags.merging(request.tags) { _, new in new })
            })
            let planned = try plannedSensorRuns(requests, evalID: evalID, definitions: definitions, now: now)
            let decision = SensorEvalDecision.answered(answer, cursorBefore: state.cursor)
            return SensorDraft(
                evaluated: SensorEvaluated(
                    sensor: name, evalID: evalID, trigger: trigger, cursorBefore: state.cursor,
                    cursorAfter: decision.cursorAfter, expectedStateVersion: nil, status: decision.status,
                    message: decision.reason, runRequests: requests, payload: payload?.bytes),
                requests: planned)
        } catch let error as OperatorError {
            return failed(error.message)
        }
    }

    /// Plans each request's run as of `now`, triggered by the evaluation.
    /// - Throws: the first request's planning error (a bad partition, an unknown asset).
    func plannedSensorRuns(_ requests: [SensorRunRequest], evalID: String, definitions: WorkspaceDefinitions, now: Timestamp)
        throws -> [RunRequested]
    {
        try requests.map { request in
            let options = RunRequestOptions(
                selection: [request.selection], partitions: request.partition.map { .key($0) } ?? .none,
                runKey: request.runKey.rawValue, tags: request.tags,
                trigger: RunTrigger(kind: .sensor, reference: evalID), detached: true)
            return try preparedRequest(options, definitions: definitions, now: now).0
        }
    }

    /// An asset sensor's draft: the runs for materializations past its position, or nil when
    /// there are none (nothing is recorded then).
    func assetDraft(
        _ sensor: SensorDefinition, watch: [AssetKey], state: SensorStateRow, evalID: String,
        definitions: WorkspaceDefinitions, now: Timestamp
    ) throws -> SensorDraft? {
        let name = sensor.name.rawValue
        let store = try store()
        let watched = watch.map(\.rawValue)
        let materializations = try mapStoreErrors {
            try store.read { try $0.materializations(of: watched, after: state.position, limit: Limits.assetSensorEventsPerEvalMax) }
        }
        guard !materializations.isEmpty else { return nil }
        var partitionsOf: [String: String?] = [:]
        for asset in watch { partitionsOf[asset.rawValue] = definitions.asset(asset)?.partitions?.rawValue }
        let targets = (try? AssetSelection.parse([sensor.target]).resolve(in: definitions)) ?? []
        let targetPartitions = targets.lazy.compactMap { definitions.asset($0)?.partitions?.rawValue }.first
        let plan = AssetSensorRequests.plan(
            sensor: name, target: sensor.target, tags: sensor.tags, materializations: materializations,
            position: state.position, partitionsOf: partitionsOf, targetPartitions: targetPartitions)
        let trigger = SensorTrigger.asset(throughSeq: plan.position)
        do {
            let planned = try plannedSensorRuns(plan.requests, evalID: evalID, definitions: definitions, now: now)
            return SensorDraft(
                evaluated: SensorEvaluated(
                    sensor: name, evalID: evalID, trigger: trigger, cursorBefore: state.cursor, cursorAfter: state.cursor,
                    expectedStateVersion: nil, status: plan.requests.isEmpty ? .skipped : .triggered,
                    message: plan.unmapped, runRequests: plan.requests),
                requests: planned)
        } catch let error as OperatorError {
            // The position stays: the materializations are read again once the target plans.
            return .failed(
                name, evalID: evalID, trigger: .asset(throughSeq: state.position), cursor: state.cursor,
                reason: error.message)
        }
    }
}
