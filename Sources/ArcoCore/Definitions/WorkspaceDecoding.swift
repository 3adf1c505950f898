/// The state of one decoding pass: the diagnostics so far and what the cross-definition checks
/// need to remember.
///
/// Readers report a problem and return nil; callers fall back to a default and carry on, so
/// that one pass finds every problem. Whatever is built from a fallback is never returned,
/// because any diagnostic makes `DefinitionsDecoder.decode` throw.
struct WorkspaceDecoding {
    /// Every problem found so far.
    var diagnostics: [DefinitionDiagnostic] = []
    /// Names that must be declared assets.
    var assetReferences: [DefinitionReference] = []
    /// Names that must be declared partitions definitions.
    var partitionsReferences: [DefinitionReference] = []
    /// Every dependency, for cycle and partition-mapping checks.
    var dependencySites: [DependencySite] = []
    /// Every multi dimension, for dimension checks.
    var dimensionSites: [DimensionSite] = []
    /// Where definitions were declared.
    var locations = DefinitionLocations()
    /// Key locations of the mapping spec being decoded; see `DependencySite.keyLocations`.
    var pendingKeyLocations: [String: SourceLocation] = [:]
    /// Partitions definitions too broken to check mappings against (unknown type, no start).
    var brokenPartitions: Set<PartitionsDefinitionName> = []

    /// Records a problem.
    mutating func report(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        diagnostics.append(DefinitionDiagnostic(location: location, message: message, hint: hint))
    }

    /// Records a problem with a value: `expected <what> for <subject>, found <actual>`.
    mutating func reportType(
        _ node: ConfigNode, _ subject: DefinitionSubject, expected: String, hint: String? = nil
    ) {
        let found: String
        if let scalar = node.scalar, !scalar.isNull {
            found = scalar.isPlain ? "'\(scalar.value)'" : "the quoted string '\(scalar.value)'"
        } else {
            found = node.kindDescription
        }
        report("expected \(expected) for \(subject), found \(found)", at: node.location, hint: hint)
    }
}
