import ArcoCore
import ArcoStore
import Foundation

/// Builds what a step needs to run (command, environment, folder, log path) and what its
/// success records (`AssetMaterialized` per partition, with code, data and consumed versions).
final class StepMaterializer {
    let engine: Engine
    let definitions: WorkspaceDefinitions
    private var sets: [AssetKey: PartitionSet?] = [:]
    /// The sensor variables of the run, computed (and its payload file written) once.
    private var sensorEnvironment: [String: String]?

    init(engine: Engine, definitions: WorkspaceDefinitions) {
        self.engine = engine
        self.definitions = definitions
    }

    /// The asset's partition set, computed once per run.
    func partitionSet(of asset: AssetKey) throws -> PartitionSet? {
        if let cached = sets[asset] { return cached }
        let set = try definitions.asset(asset)?.partitions.map { try engine.partitionSet($0.rawValue, in: definitions) }
        sets[asset] = set
        return set
    }

    func invocation(
        run: RunID, step: StepRow, attempt: Int64, definition: AssetDefinition, grace: Duration,
        trigger: RunTrigger = RunTrigger(kind: .manual)
    ) throws -> StepInvocation {
        let workspace = engine.workspace
        let logPath = workspace.logsFolder + "/" + LogPath.log(run: run, step: step.stepKey, attempt: attempt)
        let reportPath = workspace.logsFolder + "/" + LogPath.report(run: run, step: step.stepKey, attempt: attempt)
        try Self.makeFolders((logPath as NSString).deletingLastPathComponent, below: workspace.stateFolder)
        // A step that runs `arco` inside another step must not see the outer step's partition
        // as its own: every other ARCO_ variable a step gets is always overwritten below.
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("ARCO_PARTITION_") && !$0.key.hasPrefix("ARCO_SENSOR_")
        }
        if let file = definition.environmentFile {
            environment.merge(try Self.readEnvironmentFile(Workspace.absolute(file, from: workspace.root))) { _, new in new }
        }
        environment.merge(definition.environment) { _, new in new }
        environment.merge(
            StepEnvironment.variables(
                runID: run, step: step, attempt: attempt, set: try partitionSet(of: AssetKey(step.asset)),
                workspace: workspace.root, reportPath: reportPath)
        ) { _, new in new }
        environment.merge(try sensorVariables(run: run, trigger: trigger)) { _, new in new }
        let folder = definition.workingDirectory.map { Workspace.absolute($0, from: workspace.root) } ?? workspace.root
        return StepInvocation(
            command: definition.command, environment: environment, workingDirectory: folder, logPath: logPath,
            pidPath: workspace.logsFolder + "/" + LogPath.pid(run: run, step: step.stepKey, attempt: attempt), timeout: definition.timeout, grace: grace,
            stateFolder: workspace.stateFolder, logMaxBytes: definition.logMaxBytes ?? Limits.stepLogBytesDefault,
            logCopy: try engine.store().logChunks.map {
                StepLogDestination(store: $0, runID: run, stepKey: step.stepKey, attempt: attempt)
            })
    }

    /// A sensor's run tells its steps which sensor and evaluation asked for it, and hands them the
    /// pushed payload as an owner-only file, written once per run from the ledger's copy; data
    /// never reaches the command text.
    private func sensorVariables(run: RunID, trigger: RunTrigger) throws -> [String: String] {
        guard trigger.kind == .sensor, let evalID = trigger.reference else { return [:] }
        if let cached = sensorEnvironment { return cached }
        let store = try engine.store()
        guard let eval = try engine.mapStoreErrors({ try store.read { try $0.sensorEval(evalID) } }) else { return [:] }
        var variables = ["ARCO_SENSOR_NAME": eval.sensor, "ARCO_SENSOR_EVAL_ID": evalID]
        if let message = eval.messageID { variables["ARCO_SENSOR_MESSAGE_ID"] = message }
        if let payload = eval.payload {
            let workspace = engine.workspace
            let path = workspace.logsFolder + "/" + LogPath.component(run.rawValue) + "/sensor-payload"
            try Self.makeFolders((path as NSString).deletingLastPathComponent, below: workspace.stateFolder)
            unlink(path)
            try SensorPayloadFile.write(payload, to: path, below: workspace.stateFolder)
            variables["ARCO_SENSOR_PAYLOAD_FILE"] = path
        }
        sensorEnvironment = variables
        return variables
    }

    /// One `AssetMaterialized` per partition the step covered (one for an unpartitioned asset),
    /// and what was cut from a report over `Limits.stepReportBytesMax`, for a warning.
    /// - Throws: `StepReportError` when the step's report file is malformed or not a plain file.
    func materializations(run: RunID, step: StepRow, attempt: Int64, definition: AssetDefinition) throws
        -> (drafts: [EventDraft], cut: StepReportCut?)
    {
        let reportPath = engine.workspace.logsFolder + "/" + LogPath.report(run: run, step: step.stepKey, attempt: attempt)
        let report = try StepReportReader.read(reportPath, below: engine.workspace.stateFolder)
        let keys: [String?] = step.partition.map { [$0] } ?? (step.partitionRange.isEmpty ? [nil] : step.partitionRange.map { $0 })
        let set = try partitionSet(of: definition.key)
        var drafts = [EventDraft]()
        for (index, key) in keys.enumerated() {
            let consumed = try consumedVersions(definition, key: key)
            let version = report?.dataVersion
                ?? DataVersion.logical(codeVersion: definition.codeVersion ?? run.rawValue, consumed: consumed)
            let canonical = index < step.canonicalPartitions.count
                ? step.canonicalPartitions[index] : key.flatMap { set?.canonicalKey(for: $0)?.description }
            drafts.append(
                EventDraft(
                    AssetMaterialized(
                        asset: definition.key.rawValue, partition: key, runID: run, stepKey: step.stepKey,
                        attempt: attempt, codeVersion: definition.codeVersion,
                        dataVersion: version, consumed: consumed, metadata: .object(report?.metadata ?? [:]),
                        canonicalPartition: canonical)))
        }
        return (drafts, report?.cut)
    }

    /// The current data versions of the upstream partitions `key` reads.
    func consumedVersions(_ definition: AssetDefinition, key: String?) throws -> [ConsumedVersion] {
        let store = try engine.store()
        var consumed = [ConsumedVersion]()
        for dependency in definition.dependencies where dependency.asset != definition.key {
            let upstreamSet = try partitionSet(of: dependency.asset)
            let mapped = try? PartitionMapper.upstream(
                of: key, downstream: try partitionSet(of: definition.key), upstream: upstreamSet,
                mapping: definitions.effectiveMapping(of: dependency, downstream: definition.key),
                now: engine.environment.clock.now())
            let upstreamKeys: [String?]
            switch mapped {
            case .unpartitioned?: upstreamKeys = [nil]
            case .keys(let keys)? where keys.count < Limits.consumedVersionsMax: upstreamKeys = keys
            default: continue
            }
            for upstreamKey in upstreamKeys {
                let identity = upstreamKey.map { upstreamSet?.canonicalKey(for: $0)?.description ?? $0 } ?? ""
                let row = try engine.mapStoreErrors {
                    try store.read { try $0.partitionStatus(asset: dependency.asset.rawValue, key: identity) }
                }
                consumed.append(ConsumedVersion(asset: dependency.asset.rawValue, partition: upstreamKey, dataVersion: row?.dataVersion))
            }
        }
        return consumed
    }

    /// Creates a log folder below `.arco`, refusing any symbolic link on the way.
    static func makeFolders(_ path: String, below stateFolder: String) throws {
        do {
            try StateFiles.makeFolders(path, below: stateFolder)
        } catch {
            throw error.operatorError
        }
    }

    /// `KEY=VALUE` lines; blank lines and `#` comments skipped, one level of quotes removed.
    static func readEnvironmentFile(_ path: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw OperatorError(.dataError, "cannot read env_file '\(path)'", hint: "create it or fix the path: `ls -l \(path)`")
        }
        var values = [String: String]()
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equal = trimmed.firstIndex(of: "=") else { continue }
            var key = String(trimmed[..<equal]).trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            var value = String(trimmed[trimmed.index(after: equal)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }
}
