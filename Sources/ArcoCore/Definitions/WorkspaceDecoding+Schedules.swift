import Synchronization

/// Decodes the `schedules:` section: name → settings.
extension WorkspaceDecoding {
    private static let parsedCrons = Mutex<[String: CronSyntax]>([:])

    static let scheduleKeys = [
        "cron", "timezone", "target", "partition", "catchup", "catchup_window",
        "max_catchup_ticks", "status", "tags",
    ]

    mutating func decodeSchedulesSection(_ node: ConfigNode) -> [ScheduleDefinition] {
        guard let entries = mappingEntries(node, of: DefinitionSubject.root.child("schedules"))
        else { return [] }
        var schedules: [ScheduleDefinition] = []
        for entry in entries {
            _ = checkName(entry.key, what: "schedule name")
            let name = ScheduleName(entry.key.value)
            locations.schedules[name] = entry.key.location
            if let schedule = decodeSchedule(entry.value, name: name) { schedules.append(schedule) }
        }
        return schedules
    }

    private mutating func decodeSchedule(
        _ node: ConfigNode, name: ScheduleName
    ) -> ScheduleDefinition? {
        let subject = DefinitionSubject.named("schedule", name.rawValue)
        guard
            let fields = fields(node, of: subject, allowed: Self.scheduleKeys,
                required: ["cron", "target"])
        else { return nil }
        let crons = fields["cron"].flatMap { self.crons($0, fields.subject("cron")) }
        let timezone = fields["timezone"].flatMap { self.timezone($0, fields.subject("timezone")) }
        let target = fields["target"].flatMap { string($0, fields.subject("target")) }
        locations.scheduleTargets[name] = fields["target"]?.location
        let partition = fields["partition"].flatMap {
            partitionSelection($0, fields.subject("partition"))
        }
        let catchup = fields["catchup"].flatMap {
            keyword($0, fields.subject("catchup"), as: ScheduleDefinition.CatchupPolicy.self)
        }
        let window = fields["catchup_window"].flatMap {
            duration($0, fields.subject("catchup_window"))
        }
        let maxTicks = fields["max_catchup_ticks"].flatMap {
            integer($0, fields.subject("max_catchup_ticks"), atLeast: 1)
        }
        let status = fields["status"].flatMap {
            keyword($0, fields.subject("status"), as: InstigatorStatus.self)
        }
        let tags = fields["tags"].flatMap { stringMap($0, fields.subject("tags")) }
        guard let crons, let target else { return nil }
        return ScheduleDefinition(name: name, crons: crons, timezone: timezone ?? "UTC",
            target: target, partition: partition ?? .latest, catchup: catchup ?? .latest,
            catchupWindow: window, maxCatchupTicks: maxTicks, status: status ?? .stopped,
            tags: tags ?? [:])
    }

    /// Plain `latest` and `none` are keywords; anything else, or a quoted word, is a key.
    private mutating func partitionSelection(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> ScheduleDefinition.PartitionSelection? {
        guard let scalar = scalar(node, subject, expected: "latest, none or a partition key") else {
            return nil
        }
        if scalar.isPlain, scalar.value == "latest" { return .latest }
        if scalar.isPlain, scalar.value == "none" {
            return ScheduleDefinition.PartitionSelection.none
        }
        guard !scalar.value.isEmpty else {
            report("\(subject) must not be empty", at: node.location)
            return nil
        }
        return .key(scalar.value)
    }

    /// One cron, or a non-empty list of crons whose ticks are united (Dagster's
    /// `cron_schedule` sequence). A list with an invalid cron is reported once per bad cron.
    private mutating func crons(_ node: ConfigNode, _ subject: DefinitionSubject) -> [CronSyntax]? {
        guard case .sequence(let items, let location) = node else {
            // A thousand schedules usually share a few crons: parse each text once per process
            // (parsing is a pure function of the text; only valid crons are kept).
            if let text = node.scalar?.value, let known = Self.parsedCrons.withLock({ $0[text] }) { return [known] }
            let parsed = cron(node, subject)
            if let parsed, let text = node.scalar?.value { Self.parsedCrons.withLock { $0[text] = parsed } }
            return parsed.map { [$0] }
        }
        guard !items.isEmpty else {
            report("\(subject) must list at least one cron", at: location,
                hint: "write one cron, e.g. cron: \"0 2 * * *\"")
            return nil
        }
        let parsed = items.map { cron($0, subject) }
        guard parsed.allSatisfy({ $0 != nil }) else { return nil }
        return parsed.compactMap { $0 }
    }
}
