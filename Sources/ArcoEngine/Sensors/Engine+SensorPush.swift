import ArcoCore
import ArcoStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Engine {
    /// Delivers one message to a push sensor: one evaluation under the key
    /// `sensor_eval:{sensor}:msg:{message_id}`, with its runs, in one transaction. A message
    /// already recorded (a redelivery, or a concurrent delivery that committed first) records
    /// nothing and reports the original evaluation with `duplicate`. Without a `command` the
    /// message requests one run of the target; with one, the command reads the payload on stdin
    /// and answers with the poll protocol. The payload is stored in the ledger as opaque bytes
    /// and reaches the runs' steps as the file `ARCO_SENSOR_PAYLOAD_FILE`.
    /// - Throws: 66 unknown sensor, 64 not a push sensor, 65 a bad message id, a payload over
    ///   `Limits.sensorPayloadBytesMax` or a stopped sensor.
    public func sensorPush(
        _ name: String, messageID: String, payload: [UInt8]? = nil, launch: SensorLaunch = .launch
    ) throws -> SensorEvalOutcome {
        let definitions = try loadDefinitions()
        let sensor = try Self.sensor(name, in: definitions)
        guard case .push(let command, let timeout) = sensor.kind else {
            throw OperatorError(
                .usage, "sensor '\(name)' is a \(sensor.kind.name) sensor, not a push sensor",
                hint: "evaluate it with `arco sensor eval \(name)`")
        }
        try Self.checkMessage(messageID, payload: payload)
        let outcome = try pushEvaluation(sensor, command: command, timeout: timeout, messageID: messageID, payload: payload,
            definitions: definitions)
        if launch == .launch {
            // Also after a duplicate: a redelivery is how a sender retries a push whose process
            // died after recording, and its run must start now.
            _ = try launchQueuedRuns(triggeredBy: .sensor, limit: Limits.sensorRunsInFlightMax, progress: { _ in })
        }
        return outcome
    }

    /// The evaluation of one message: the original when it was recorded before, else a new one.
    private func pushEvaluation(
        _ sensor: SensorDefinition, command: ProcessCommand?, timeout: Duration, messageID: String, payload: [UInt8]?,
        definitions: WorkspaceDefinitions
    ) throws -> SensorEvalOutcome {
        let name = sensor.name.rawValue
        let store = try store()
        let (original, state) = try mapStoreErrors {
            try store.read { (try $0.sensorEval(sensor: name, messageID: messageID), try $0.sensorState(name)) }
        }
        if let original { return SensorEvalOutcome(original, duplicate: true) }
        guard Self.sensorStatus(sensor, state).0 == .running else {
            throw OperatorError(
                .dataError, "sensor '\(name)' is stopped; message '\(messageID)' was not recorded",
                hint: "start it, then deliver again: `arco sensor start \(name)`")
        }
        let evalID = makeSensorEvalID()
        let now = environment.clock.now()
        let trigger = SensorTrigger.push(messageID: messageID)
        let draft: SensorDraft
        if let command {
            draft = try withPayloadFile(payload ?? []) { path in
                try commandDraft(
                    sensor, command: command, timeout: timeout, trigger: trigger,
                    state: state ?? SensorStateRow(sensor: name), evalID: evalID, definitions: definitions, now: now,
                    payload: (payload ?? [], path, messageID))
            }
        } else {
            draft = try singleRunDraft(sensor, evalID: evalID, trigger: trigger, payload: payload, definitions: definitions, now: now)
        }
        if let row = try recordSensorDraft(draft, expected: nil) {
            CrashPoint.sensorAfterEval.reach()
            return SensorEvalOutcome(row)
        }
        if let original = try mapStoreErrors({ try store.read { try $0.sensorEval(sensor: name, messageID: messageID) } }) {
            return SensorEvalOutcome(original, duplicate: true)
        }
        throw OperatorError(.software, "message '\(messageID)' of sensor '\(name)' was neither recorded nor found",
            hint: "check the ledger: `arco events --type SensorEvaluated`")
    }

    /// A message without a command: one run of the target, keyed by the message.
    private func singleRunDraft(
        _ sensor: SensorDefinition, evalID: String, trigger: SensorTrigger, payload: [UInt8]?,
        definitions: WorkspaceDefinitions, now: Timestamp
    ) throws -> SensorDraft {
        let name = sensor.name.rawValue
        guard case .push(let messageID) = trigger else { preconditionFailure("a push draft needs a push trigger") }
        let request = SensorRunRequest(
            runKey: SensorRunKeys.scoped(sensor: name, key: "msg:\(messageID)"), selection: sensor.target, tags: sensor.tags)
        do {
            let planned = try plannedSensorRuns([request], evalID: evalID, definitions: definitions, now: now)
            return SensorDraft(
                evaluated: SensorEvaluated(
                    sensor: name, evalID: evalID, trigger: trigger, cursorBefore: nil, cursorAfter: nil,
                    expectedStateVersion: nil, status: .triggered, runRequests: [request], payload: payload),
                requests: planned)
        } catch let error as OperatorError {
            return .failed(name, evalID: evalID, trigger: trigger, cursor: nil, reason: error.message, payload: payload)
        }
    }

    /// Writes the payload to an owner-only file below `.arco/tmp/sensors` for the duration of
    /// `body`: the command's stdin and `ARCO_SENSOR_PAYLOAD_FILE`.
    private func withPayloadFile<T>(_ payload: [UInt8], _ body: (String) throws -> T) throws -> T {
        let folder = workspace.stateFolder + "/tmp/sensors"
        try StepMaterializer.makeFolders(folder, below: workspace.stateFolder)
        let path = folder + "/\(getpid())-\(UInt64.random(in: 0...UInt64.max)).payload"
        try SensorPayloadFile.write(payload, to: path, below: workspace.stateFolder)
        defer { unlink(path) }
        return try body(path)
    }

    /// Message ids are part of an idempotency key: bounded, printable.
    static func checkMessage(_ messageID: String, payload: [UInt8]?) throws {
        if messageID.isEmpty || messageID.utf8.count > Limits.sensorMessageIDBytesMax
            || messageID.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            throw OperatorError(
                .dataError, "message id must be 1 to \(Limits.sensorMessageIDBytesMax) bytes without control characters",
                hint: "pass the id your source gives the message, e.g. `--message-id delivery-42`")
        }
        if let payload, payload.count > Limits.sensorPayloadBytesMax {
            throw OperatorError(
                .dataError, "payload is \(payload.count) bytes, over the \(Limits.sensorPayloadBytesMax)-byte limit",
                hint: "push a reference to the data instead, e.g. a path: `echo /data/batch-7 | arco sensor push NAME --message-id ID --payload -`")
        }
    }
}
