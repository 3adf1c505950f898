/// Decodes the `assets:` section: key → settings.
extension WorkspaceDecoding {
    static let assetKeys = [
        "command", "argv", "env", "env_file", "cwd", "deps", "partitions", "code_version",
        "retries", "timeout", "tags", "group", "freshness", "backfill_policy", "log_max",
    ]

    mutating func decodeAssetsSection(_ node: ConfigNode) -> [AssetDefinition] {
        guard let entries = mappingEntries(node, of: DefinitionSubject.root.child("assets")) else {
            return []
        }
        var assets: [AssetDefinition] = []
        for entry in entries {
            _ = checkName(entry.key, what: "asset name", isAssetKey: true)
            let key = AssetKey(entry.key.value)
            locations.assets[key] = entry.key.location
            assets.append(decodeAsset(entry.value, key: key))
        }
        return assets
    }

    /// Always returns an asset, so that dependencies on a broken one still resolve.
    private mutating func decodeAsset(_ node: ConfigNode, key: AssetKey) -> AssetDefinition {
        let subject = DefinitionSubject.named("asset", key.rawValue)
        let placeholder = AssetDefinition(key: key, command: .argv([]))
        guard let fields = fields(node, of: subject, allowed: Self.assetKeys) else {
            return placeholder
        }
        var asset = placeholder
        asset.command = processCommand(fields, of: subject) ?? .argv([])
        asset.environment = fields["env"].flatMap { environment($0, fields.subject("env")) } ?? [:]
        asset.environmentFile = fields["env_file"].flatMap {
            string($0, fields.subject("env_file"))
        }
        asset.workingDirectory = fields["cwd"].flatMap { string($0, fields.subject("cwd")) }
        asset.dependencies = fields["deps"].map { decodeDependencies($0, of: key) } ?? []
        asset.partitions = fields["partitions"].flatMap { partitionsReference($0, fields, key) }
        asset.codeVersion = fields["code_version"].flatMap {
            string($0, fields.subject("code_version"))
        }
        asset.retries = fields["retries"].flatMap { retryPolicy($0, fields.subject("retries")) }
            ?? .none
        asset.timeout = fields["timeout"].flatMap { duration($0, fields.subject("timeout")) }
        asset.tags = fields["tags"].flatMap { stringMap($0, fields.subject("tags")) } ?? [:]
        asset.group = fields["group"].flatMap { group($0, fields.subject("group")) } ?? "default"
        asset.freshness = fields["freshness"].flatMap {
            freshnessPolicy($0, fields.subject("freshness"))
        }
        asset.backfillPolicy = fields["backfill_policy"].flatMap {
            backfillPolicy($0, fields.subject("backfill_policy"))
        } ?? .default
        asset.logMaxBytes = fields["log_max"].flatMap {
            byteSize($0, fields.subject("log_max"), atLeast: Limits.stepLogBytesMin)
        }
        return asset
    }

    /// Exactly one of `command:` and `argv:`.
    mutating func processCommand(
        _ fields: ConfigFields, of subject: DefinitionSubject
    ) -> ProcessCommand? {
        switch (fields["command"], fields["argv"]) {
        case (nil, nil):
            report("\(subject) needs 'command' or 'argv'", at: fields.location,
                hint: "'command' runs through /bin/sh -c; 'argv' runs a program without a shell")
            return nil
        case (_?, _?):
            report("\(subject) sets both 'command' and 'argv'", at: fields.keyLocation("argv"),
                hint: "keep one of them")
            return nil
        case (let command?, nil):
            return string(command, fields.subject("command")).map { .shell($0) }
        case (nil, let argv?):
            guard let items = scalarList(argv, fields.subject("argv")) else { return nil }
            guard let program = items.first, !program.value.isEmpty else {
                report("\(fields.subject("argv")) must start with a program", at: argv.location)
                return nil
            }
            return .argv(items.map(\.value))
        }
    }

    /// `env:` — identifier names, none starting with `ARCO_`.
    private mutating func environment(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> [String: String]? {
        guard let entries = mappingEntries(node, of: subject) else { return nil }
        var result: [String: String] = [:]
        for entry in entries {
            let name = entry.key.value
            if !NameRules.isIdentifier(name) {
                report("invalid environment variable name '\(name)' in \(subject)",
                    at: entry.key.location,
                    hint: "use letters, digits and '_', not starting with a digit")
            } else if NameRules.isReservedEnvironmentName(name) {
                report("environment variable '\(name)' in \(subject) is reserved",
                    at: entry.key.location,
                    hint: "names starting with 'ARCO_' are set by arco for every step")
            }
            guard let value = scalar(entry.value, subject.child(name)) else { continue }
            result[name] = value.value
        }
        return result
    }

    private mutating func partitionsReference(
        _ node: ConfigNode, _ fields: ConfigFields, _ key: AssetKey
    ) -> PartitionsDefinitionName? {
        guard let name = string(node, fields.subject("partitions")) else { return nil }
        partitionsReferences.append(DefinitionReference(name: name, location: node.location,
            usage: "'partitions' of asset '\(key)'"))
        return PartitionsDefinitionName(name)
    }

    private mutating func group(_ node: ConfigNode, _ subject: DefinitionSubject) -> String? {
        guard let scalar = scalar(node, subject) else { return nil }
        return checkName(scalar, what: "group name") ? scalar.value : nil
    }

    /// `retries: 3` or `retries: {max: 3, delay: 10s, backoff: exponential, jitter: 0.2}`.
    private mutating func retryPolicy(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> RetryPolicy? {
        if let scalar = node.scalar, !scalar.isNull {
            return integer(node, subject, atLeast: 0).map { RetryPolicy(maxRetries: $0) }
        }
        guard
            let fields = fields(node, of: subject, allowed: ["max", "delay", "backoff", "jitter"],
                required: ["max"])
        else { return nil }
        let maxRetries = fields["max"].flatMap { integer($0, fields.subject("max"), atLeast: 0) }
        let delay = fields["delay"].flatMap {
            duration($0, fields.subject("delay"), allowZero: true)
        }
        let backoff = fields["backoff"].flatMap {
            keyword($0, fields.subject("backoff"), as: RetryPolicy.Backoff.self)
        }
        let jitter = fields["jitter"].flatMap { fraction($0, fields.subject("jitter")) }
        return RetryPolicy(maxRetries: maxRetries ?? 0, delay: delay ?? .zero,
            backoff: backoff ?? .fixed, jitter: jitter ?? 0)
    }

    private mutating func freshnessPolicy(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> FreshnessPolicy? {
        guard
            let fields = fields(node, of: subject, allowed: ["max_lag", "cron", "timezone"],
                required: ["max_lag"])
        else { return nil }
        let maxLag = fields["max_lag"].flatMap { duration($0, fields.subject("max_lag")) }
        let cron = fields["cron"].flatMap { self.cron($0, fields.subject("cron")) }
        let timezone = fields["timezone"].flatMap { self.timezone($0, fields.subject("timezone")) }
        if fields.has("timezone"), !fields.has("cron") {
            report("\(fields.subject("timezone")) needs a 'cron'",
                at: fields.keyLocation("timezone"),
                hint: "the time zone only says when the cron's deadlines fall")
        }
        guard let maxLag else { return nil }
        return FreshnessPolicy(maxLag: maxLag, cron: cron, timezone: timezone ?? "UTC")
    }

    /// `single_run`, `multi_run`, or `{max_partitions_per_run: N}`.
    private mutating func backfillPolicy(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> BackfillPolicy? {
        if node.scalar != nil {
            switch keyword(node, subject, among: ["single_run", "multi_run"]) {
            case "single_run": return .singleRun
            case "multi_run": return .default
            default: return nil
            }
        }
        guard
            let fields = fields(node, of: subject, allowed: ["max_partitions_per_run"],
                required: ["max_partitions_per_run"]),
            // A step never holds more partitions than a set may have; an unbounded size
            // overflowed the chunk arithmetic (Int.max trapped `backfill create`).
            let limit = fields["max_partitions_per_run"].flatMap({
                integer($0, fields.subject("max_partitions_per_run"),
                    in: 1...Limits.partitionsPerDefinitionMax)
            })
        else { return nil }
        return .multiRun(maxPartitionsPerRun: limit)
    }
}
