/// Decodes the `automation:` section: asset → condition, or `{condition, enabled, timezone}`.
extension WorkspaceDecoding {
    static let automationConditions = ["eager", "on_missing", "on_cron(\"…\")"]

    mutating func decodeAutomationSection(_ node: ConfigNode) -> [AssetKey: AutomationPolicy] {
        guard let entries = mappingEntries(node, of: DefinitionSubject.root.child("automation"))
        else { return [:] }
        var policies: [AssetKey: AutomationPolicy] = [:]
        for entry in entries {
            let key = AssetKey(entry.key.value)
            locations.automation[key] = entry.key.location
            assetReferences.append(DefinitionReference(name: entry.key.value,
                location: entry.key.location, usage: "'automation'"))
            let subject = DefinitionSubject.named("automation of asset", entry.key.value)
            if let policy = automationPolicy(entry.value, subject) { policies[key] = policy }
        }
        return policies
    }

    private mutating func automationPolicy(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> AutomationPolicy? {
        if node.scalar != nil {
            return automationCondition(node, subject, timezone: "UTC").map {
                AutomationPolicy(condition: $0)
            }
        }
        guard
            let fields = fields(node, of: subject, allowed: ["condition", "enabled", "timezone"],
                required: ["condition"])
        else { return nil }
        let timezone = fields["timezone"].flatMap { self.timezone($0, fields.subject("timezone")) }
        let enabled = fields["enabled"].flatMap { boolean($0, fields.subject("enabled")) }
        guard let conditionNode = fields["condition"],
            let condition = automationCondition(conditionNode, fields.subject("condition"),
                timezone: timezone ?? "UTC")
        else { return nil }
        var isCron = false
        if case .onCron = condition { isCron = true }
        if fields.has("timezone"), !isCron {
            report("\(fields.subject("timezone")) applies only to on_cron conditions",
                at: fields.keyLocation("timezone"))
        }
        return AutomationPolicy(condition: condition, isEnabled: enabled ?? true)
    }

    /// `eager`, `on_missing` or `on_cron("0 * * * *")` (single, double or no quotes inside).
    private mutating func automationCondition(
        _ node: ConfigNode, _ subject: DefinitionSubject, timezone: String
    ) -> AutomationPolicy.Condition? {
        guard let scalar = scalar(node, subject, expected: "an automation condition") else {
            return nil
        }
        let text = scalar.value
        if text == "eager" { return .eager }
        if text == "on_missing" { return .onMissing }
        guard text.hasPrefix("on_cron("), text.hasSuffix(")") else {
            report("unknown automation condition '\(text)' for \(subject)", at: node.location,
                hint: NameSuggestion.hint(for: text, in: ["eager", "on_missing", "on_cron"])
                    ?? "use one of \(Self.automationConditions.joined(separator: ", "))")
            return nil
        }
        var argument = Substring(text.dropFirst("on_cron(".count).dropLast())
        if argument.count >= 2, let quote = argument.first, quote == "\"" || quote == "'",
            argument.last == quote
        {
            argument = argument.dropFirst().dropLast()
        }
        do throws(CronSyntax.ParseError) {
            return .onCron(try CronSyntax.parse(String(argument)), timezone: timezone)
        } catch {
            report("invalid cron '\(argument)' in \(subject): \(error)", at: node.location,
                hint: error.hint)
            return nil
        }
    }
}
