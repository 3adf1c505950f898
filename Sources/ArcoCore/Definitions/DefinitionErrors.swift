/// Every problem found in a workspace file, thrown at once so `arco validate` can list them all.
public struct DefinitionErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by location (file, line, column); problems without one come last.
    public var diagnostics: [DefinitionDiagnostic]

    /// Collects diagnostics, sorting them and dropping exact duplicates.
    public init(_ diagnostics: [DefinitionDiagnostic]) {
        var seen = Set<DefinitionDiagnostic>()
        self.diagnostics = diagnostics
            .filter { seen.insert($0).inserted }
            .sorted(by: Self.precedes)
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    private static func precedes(_ lhs: DefinitionDiagnostic, _ rhs: DefinitionDiagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (left?, right?) where left != right: return left < right
        case (nil, _?): return false
        case (_?, nil): return true
        default: return lhs.message < rhs.message
        }
    }
}
