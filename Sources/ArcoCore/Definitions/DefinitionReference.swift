/// A name used somewhere in the file that must name a declared asset or partitions definition.
struct DefinitionReference: Sendable {
    /// The name as written.
    let name: String
    /// Where it was written.
    let location: SourceLocation
    /// Where it was used, for messages: `deps of 'clean_orders'`.
    let usage: String
}

/// One dependency as written, remembered for the cross-definition checks.
struct DependencySite: Sendable {
    /// The asset that declares the dependency.
    let downstream: AssetKey
    /// The dependency.
    let dependency: AssetDependency
    /// Where the upstream name was written.
    let location: SourceLocation
    /// Where the mapping spec was written, if there is one.
    let mappingLocation: SourceLocation?
    /// Where each key of a `static` or `specific` mapping was written, keyed
    /// `upstream:<key>`, `downstream:<key>` or `specific:<key>`.
    let keyLocations: [String: SourceLocation]
}

/// One `dimensions:` entry of a multi definition, remembered for the cross-definition checks.
struct DimensionSite: Sendable {
    /// The multi definition.
    let multi: PartitionsDefinitionName
    /// The dimension.
    let dimension: MultiPartitionDimension
    /// Where the referenced definition's name was written.
    let location: SourceLocation
}
