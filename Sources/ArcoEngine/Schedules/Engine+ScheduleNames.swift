import ArcoCore

extension Engine {
    /// The schedules a command names, in the order named; every schedule when none is named.
    /// - Throws: exit 66 for an unknown name, listing the nearest declared names.
    static func namedSchedules(_ names: [String], in definitions: WorkspaceDefinitions) throws -> [ScheduleDefinition] {
        guard !names.isEmpty else { return definitions.schedules }
        return try names.map { name in
            if let schedule = definitions.schedule(ScheduleName(name)) { return schedule }
            throw unknownSchedule(name, definitions)
        }
    }

    /// The error for a schedule arco.yaml does not declare, with the nearest names.
    static func unknownSchedule(_ name: String, _ definitions: WorkspaceDefinitions) -> OperatorError {
        let declared = definitions.schedules.map(\.name.rawValue)
        guard !declared.isEmpty else {
            return OperatorError(
                .notFound, "unknown schedule '\(name)': arco.yaml declares no schedules",
                hint: "declare one under `schedules:` in arco.yaml, then check with `arco validate`")
        }
        // Plausible typos only; a name like none of them gets the first few declared instead.
        let nearest = SelectionResolver.nearest(to: name, in: declared)
        let names = nearest.isEmpty
            ? "declared: " + declared.prefix(5).joined(separator: ", ") + (declared.count > 5 ? ", …" : "")
            : "nearest: " + nearest.joined(separator: ", ")
        return OperatorError(
            .notFound, "unknown schedule '\(name)'; \(names)", hint: "list the schedules with `arco schedule list`")
    }
}
