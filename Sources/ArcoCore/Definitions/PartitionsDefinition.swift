/// A named partitions definition from the `partitions:` section.
///
/// The decoder stores the typed definition only; computing keys and windows is the partitions
/// code's job.
public struct PartitionsDefinition: Sendable, Hashable {
    /// The four shapes of definition.
    public enum Kind: Sendable, Hashable {
        /// `hourly`, `daily`, `weekly`, `monthly` or `time_window`.
        case timeWindow(TimeWindowPartitions)
        /// A fixed list of keys.
        case `static`(StaticPartitions)
        /// Keys added and removed at run time (`arco partitions add`), named by the definition.
        case dynamic
        /// The cartesian product of two or more other definitions.
        case multi(MultiPartitions)
    }

    /// The definition's name.
    public var name: PartitionsDefinitionName
    /// The definition.
    public var kind: Kind

    /// Creates a named definition.
    public init(name: PartitionsDefinitionName, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The shape in messages: "time-window", "static", "dynamic" or "multi".
    public var kindDescription: String {
        switch kind {
        case .timeWindow: "time-window"
        case .static: "static"
        case .dynamic: "dynamic"
        case .multi: "multi"
        }
    }

    /// The time-window definition, if this is one.
    public var timeWindow: TimeWindowPartitions? {
        if case .timeWindow(let value) = kind { return value }
        return nil
    }

    /// The static definition, if this is one.
    public var staticPartitions: StaticPartitions? {
        if case .static(let value) = kind { return value }
        return nil
    }

    /// The multi definition, if this is one.
    public var multi: MultiPartitions? {
        if case .multi(let value) = kind { return value }
        return nil
    }
}
