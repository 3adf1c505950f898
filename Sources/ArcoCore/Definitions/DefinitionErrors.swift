/// Every problem found in a workspace file, thrown at once so `arco validate` can list them all.
public struct DefinitionErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by location (file, line, column); problems without one come last.
    public var diagnostics: [DefinitionDiagnostic]

    /// Collects diagnostics, sorting them and dropping exact duplicates; diagnostics at the same
    /// location keep the order in which they were reported.
    public init(_ diagnostics: [DefinitionDiagnostic]) {
        var seen = Set<DefinitionDiagnostic>()
        self.diagnostics = diagnostics
            .filter { seen.insert($0).inserted }
            .enumerated()
            .sorted(by: Self.precedes)
            .map(\.element)
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    private static func precedes(
        _ lhs: (offset: Int, element: DefinitionDiagnostic),
        _ rhs: (offset: Int, element: DefinitionDiagnostic)
    ) -> Bool {
        switch (lhs.element.location, rhs.element.location) {
        case let (left?, right?) where left != right: return left < right
        case (nil, _?): return false
        case (_?, nil): return true
        default: return lhs.offset < rhs.offset
        }
    }
}
