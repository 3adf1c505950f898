/// Decodes the `sensors:` section: name → settings, which depend on the sensor's `kind`.
extension WorkspaceDecoding {
    static let sensorKinds = ["poll", "push", "asset"]

    /// The keys a sensor of `kind` accepts.
    static func sensorKeys(for kind: String?) -> [String] {
        let common = ["kind", "target", "status", "tags"]
        switch kind {
        case "poll": return common + ["command", "argv", "min_interval", "timeout"]
        case "push": return common + ["command", "argv", "timeout"]
        case "asset": return common + ["watch"]
        default: return common + ["command", "argv", "min_interval", "timeout", "watch"]
        }
    }

    static let misplacedSensorKeyHints = [
        "command": "'command' applies only to poll and push sensors",
        "argv": "'argv' applies only to poll and push sensors",
        "timeout": "'timeout' applies only to poll and push sensors",
        "min_interval": "'min_interval' applies only to poll sensors",
        "watch": "'watch' applies only to asset sensors",
    ]

    mutating func decodeSensorsSection(_ node: ConfigNode) -> [SensorDefinition] {
        guard let entries = mappingEntries(node, of: DefinitionSubject.root.child("sensors")) else {
            return []
        }
        var sensors: [SensorDefinition] = []
        for entry in entries {
            _ = checkName(entry.key, what: "sensor name")
            let name = SensorName(entry.key.value)
            locations.sensors[name] = entry.key.location
            if let sensor = decodeSensor(entry.value, name: name) { sensors.append(sensor) }
        }
        return sensors
    }

    private mutating func decodeSensor(_ node: ConfigNode, name: SensorName) -> SensorDefinition? {
        let subject = DefinitionSubject.named("sensor", name.rawValue)
        var kindName: String?
        if case .mapping(let entries, _) = node,
            let kindNode = entries.first(where: { $0.key.value == "kind" })?.value
        {
            kindName = keyword(kindNode, subject.child("kind"), among: Self.sensorKinds)
        }
        var required = ["kind", "target"]
        if kindName == "asset" { required.append("watch") }
        guard
            let fields = fields(node, of: subject, allowed: Self.sensorKeys(for: kindName),
                required: required, misplaced: Self.misplacedSensorKeyHints)
        else { return nil }
        let target = fields["target"].flatMap { string($0, fields.subject("target")) }
        locations.sensorTargets[name] = fields["target"]?.location
        let status = fields["status"].flatMap {
            keyword($0, fields.subject("status"), as: InstigatorStatus.self)
        }
        let tags = fields["tags"].flatMap { stringMap($0, fields.subject("tags")) }
        guard let kindName, let kind = sensorKind(kindName, fields, name: name), let target else {
            return nil
        }
        return SensorDefinition(name: name, kind: kind, target: target,
            status: status ?? .stopped, tags: tags ?? [:])
    }

    private mutating func sensorKind(
        _ kind: String, _ fields: ConfigFields, name: SensorName
    ) -> SensorDefinition.Kind? {
        switch kind {
        case "poll":
            let interval = fields["min_interval"].flatMap {
                duration($0, fields.subject("min_interval"))
            }
            let minimumInterval = interval ?? SensorDefinition.defaultMinimumInterval
            let timeout = sensorTimeout(fields)
            return processCommand(fields, of: fields.subject).map {
                .poll(command: $0, minimumInterval: minimumInterval, timeout: timeout)
            }
        case "asset":
            guard let node = fields["watch"],
                let watched = scalarList(node, fields.subject("watch"), allowSingle: true)
            else { return nil }
            if watched.isEmpty {
                report("\(fields.subject("watch")) must name at least one asset", at: node.location)
            }
            for asset in watched {
                assetReferences.append(DefinitionReference(name: asset.value,
                    location: asset.location, usage: "'watch' of sensor '\(name)'"))
            }
            return .asset(watch: watched.map { AssetKey($0.value) })
        default:
            // The command is optional: without one, a message requests one run of the target.
            let command = fields["command"] == nil && fields["argv"] == nil
                ? nil : processCommand(fields, of: fields.subject)
            return .push(command: command, timeout: sensorTimeout(fields))
        }
    }

    private mutating func sensorTimeout(_ fields: ConfigFields) -> Duration {
        fields["timeout"].flatMap { duration($0, fields.subject("timeout")) } ?? SensorDefinition.defaultTimeout
    }
}
