/// What `arco validate` finds wrong with a schedule's `target` and `partition` before any tick:
/// the problems that would make every tick FAILED (Dagster refuses most of them when the
/// definitions load).
///
/// They are not errors of loading the file: a schedule edited into a broken state must still let
/// every other command work, and its ticks record the failure (issue 18). `validate` and
/// `doctor` report them with the target's line.
public enum ScheduleTargetCheck {
    /// One diagnostic per schedule whose ticks cannot succeed.
    public static func diagnostics(_ definitions: WorkspaceDefinitions) -> [DefinitionDiagnostic] {
        definitions.schedules.compactMap { schedule in
            problem(of: schedule, in: definitions).map { message, hint in
                DefinitionDiagnostic(
                    location: definitions.locations.scheduleTargets[schedule.name] ?? definitions.locations.schedules[schedule.name],
                    message: "schedule '\(schedule.name.rawValue)': \(message); every tick would fail", hint: hint)
            }
        }
    }

    /// Why the schedule's ticks cannot succeed, and the way out; nil when they can.
    static func problem(of schedule: ScheduleDefinition, in definitions: WorkspaceDefinitions) -> (String, String)? {
        let assets: [AssetKey]
        do {
            assets = try AssetSelection.parse(schedule.target).resolve(in: definitions)
        } catch {
            return ("target '\(schedule.target)': \(error)", "fix 'target:'; `arco asset list` shows the assets")
        }
        var seen = Set<PartitionsDefinitionName>()
        let partitioned = assets.compactMap { definitions.partitionsDefinition(of: $0) }.filter { seen.insert($0.name).inserted }
        let names = partitioned.map { "'\($0.name.rawValue)'" }.joined(separator: ", ")
        switch schedule.partition {
        case .latest:
            if partitioned.count > 1 {
                return ("target spans partitions definitions \(names), so 'partition: latest' has no single latest",
                    "name a key with 'partition: KEY', or narrow the target to one definition")
            }
            if let only = partitioned.first, case .timeWindow = only.kind {
                return nil
            } else if let only = partitioned.first {
                return ("'partition: latest' needs time-window partitions and \(names) has none",
                    "name a key of '\(only.name.rawValue)' with 'partition: KEY'")
            }
            return nil
        case .none:
            guard partitioned.isEmpty else {
                return ("'partition: none' but the target is partitioned by \(names)",
                    "use 'partition: latest' or 'partition: KEY'")
            }
            return nil
        case .key(let key):
            guard !partitioned.isEmpty else {
                return ("'partition: \(key)' but no asset of the target is partitioned", "remove 'partition:' or set 'partition: none'")
            }
            for definition in partitioned {
                if case .static(let statics) = definition.kind, !statics.keys.contains(key) {
                    let listing = "`arco partitions list \(definition.name.rawValue)` shows its keys"
                    return ("'partition: \(key)' is not a key of '\(definition.name.rawValue)'",
                        NameSuggestion.closest(to: key, in: statics.keys).map { "did you mean '\($0)'? \(listing)" } ?? listing)
                }
            }
            return nil
        }
    }
}
