/// The JSON that fingerprints hash for a partitions definition and a mapping. Fingerprints are
/// stored, so what they hash must be a stable encoding: `CanonicalJSON` of these values, never a
/// type's `String(reflecting:)`, whose text belongs to the Swift runtime and may change with a
/// toolchain (invalidating every entry, or worse, making two different inputs read the same).
///
/// Every field of each value is listed, by name; a field added to one of these types must be
/// added here (and `StalenessFingerprints.version` raised), or a change of it would not be seen.
extension StalenessFingerprints {
    /// A partitions definition, with the definitions a multi definition's dimensions range over.
    public static func json(_ definition: PartitionsDefinition, in definitions: WorkspaceDefinitions) -> JSONValue {
        switch definition.kind {
        case .timeWindow(let window): ["time_window": json(window)]
        case .static(let partitions): ["static": .strings(partitions.keys)]
        case .dynamic: ["dynamic": .string(definition.name.rawValue)]
        case .multi(let multi):
            [
                "multi": .array(
                    multi.dimensions.map { dimension in
                        [
                            "name": .string(dimension.name),
                            "partitions": .string(dimension.partitions.rawValue),
                            "definition": dimensionJSON(dimension.partitions, in: definitions),
                        ]
                    })
            ]
        }
    }

    /// The definition a dimension ranges over; a multi one by its name only, so that a workspace
    /// naming a multi definition as a dimension of itself cannot recurse.
    static func dimensionJSON(_ name: PartitionsDefinitionName, in definitions: WorkspaceDefinitions) -> JSONValue {
        guard let definition = definitions.partitionsDefinition(name) else { return .null }
        if case .multi = definition.kind { return ["multi": .string(name.rawValue)] }
        return json(definition, in: definitions)
    }

    static func json(_ window: TimeWindowPartitions) -> JSONValue {
        [
            "cadence": json(window.cadence), "start": .string(window.start.description),
            "end": .optional(window.end?.description), "timezone": .string(window.timezone),
            "format": .string(window.format), "end_offset": .int(Int64(window.endOffset)),
            "exclusions": .array(
                window.exclusions.map { exclusion in
                    switch exclusion {
                    case .cron(let cron): ["cron": .string(cron.text)]
                    case .dateTime(let time): ["date_time": .string(time.description)]
                    }
                }),
        ]
    }

    static func json(_ cadence: TimeWindowCadence) -> JSONValue {
        switch cadence {
        case .hourly(let minute): ["hourly": ["minute": .int(Int64(minute))]]
        case .daily(let minute, let hour): ["daily": ["minute": .int(Int64(minute)), "hour": .int(Int64(hour))]]
        case .weekly(let minute, let hour, let day):
            ["weekly": ["minute": .int(Int64(minute)), "hour": .int(Int64(hour)), "day": .int(Int64(day))]]
        case .monthly(let minute, let hour, let day):
            ["monthly": ["minute": .int(Int64(minute)), "hour": .int(Int64(hour)), "day": .int(Int64(day))]]
        case .cron(let cron): ["cron": .string(cron.text)]
        }
    }

    /// A dependency's effective mapping.
    public static func json(_ mapping: PartitionMapping) -> JSONValue {
        switch mapping {
        case .identity: "identity"
        case .all: "all"
        case .last: "last"
        case .timeWindow(let start, let end):
            ["time_window": ["start_offset": .int(Int64(start)), "end_offset": .int(Int64(end))]]
        case .staticKeys(let entries):
            ["static": .array(entries.map { ["upstream": .string($0.upstream), "downstream": .strings($0.downstream)] })]
        case .multiToSingle(let dimension): ["multi_to_single": .optional(dimension)]
        case .specific(let keys): ["specific": .strings(keys)]
        }
    }
}
