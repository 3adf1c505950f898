/// A multi partitions definition: the cartesian product of two or more named definitions.
///
/// Dagster allows exactly two dimensions; arco allows more. Keys join the dimension keys with `|`
/// in dimension-name order, as Dagster does.
public struct MultiPartitions: Sendable, Hashable {
    /// The dimensions, sorted by name.
    public var dimensions: [MultiPartitionDimension]

    /// Creates a definition, sorting the dimensions by name.
    public init(dimensions: [MultiPartitionDimension]) {
        self.dimensions = dimensions.sorted { $0.name < $1.name }
    }

    /// The dimension called `name`, if any.
    public func dimension(named name: String) -> MultiPartitionDimension? {
        dimensions.first { $0.name == name }
    }
}

/// One dimension of a multi definition.
public struct MultiPartitionDimension: Sendable, Hashable {
    /// The dimension's name (an identifier, since it becomes `ARCO_PARTITION_<NAME>`).
    public var name: String
    /// The static, dynamic or time-window definition it ranges over.
    public var partitions: PartitionsDefinitionName

    /// Creates a dimension.
    public init(name: String, partitions: PartitionsDefinitionName) {
        self.name = name
        self.partitions = partitions
    }
}
