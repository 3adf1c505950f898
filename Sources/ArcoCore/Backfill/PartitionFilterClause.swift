/// One clause of a backfill's `--filter`: a dimension, a comparison and its value(s), e.g.
/// `region=us,eu` or `date>=2024-01-01`. Clauses combine with "and".
///
/// A single-dimension definition's one dimension is called `key` (the canonical key's name,
/// ADR 0007) or by the definition's name; a multi definition's by its dimension names.
public struct PartitionFilterClause: Sendable, Hashable, CustomStringConvertible {
    /// The comparison.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// Whether the comparison orders keys (and so takes one value).
        public var isOrdering: Bool { self != .equal && self != .notEqual }
    }

    public var dimension: String
    public var comparison: Comparison
    /// One value for an ordering comparison; one or more for `=` and `!=`.
    public var values: [String]

    public init(dimension: String, comparison: Comparison, values: [String]) {
        self.dimension = dimension
        self.comparison = comparison
        self.values = values
    }

    public var description: String { "\(dimension)\(comparison.rawValue)\(values.joined(separator: ","))" }

    /// Parses `region=us,eu date>=2024-01-01 date<2024-02-01`: clauses separated by spaces.
    /// - Throws: `BackfillError.invalidFilter` naming the clause that does not parse.
    public static func parse(_ text: String) throws(BackfillError) -> [PartitionFilterClause] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { throw .invalidFilter(text, reason: "it is empty") }
        return try words.map { word throws(BackfillError) in try clause(word) }
    }

    private static func clause(_ word: String) throws(BackfillError) -> PartitionFilterClause {
        // Two-character operators first, so `>=` is not read as `>` followed by `=value`.
        let operators: [Comparison] = [.notEqual, .lessOrEqual, .greaterOrEqual, .equal, .less, .greater]
        for comparison in operators {
            guard let range = word.range(of: comparison.rawValue) else { continue }
            let name = String(word[..<range.lowerBound])
            let rest = String(word[range.upperBound...])
            // `a<=b` also contains `=`; only the operator found first in the word is the real one.
            if let earlier = operators.compactMap({ word.range(of: $0.rawValue)?.lowerBound }).min(),
                earlier < range.lowerBound
            {
                continue
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw .invalidFilter(word, reason: "it needs a dimension name before '\(comparison.rawValue)'")
            }
            let values = comparison.isOrdering ? [rest] : rest.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.contains(where: \.isEmpty) else {
                throw .invalidFilter(word, reason: "a value after '\(comparison.rawValue)' is empty")
            }
            if comparison.isOrdering && rest.contains(",") {
                throw .invalidFilter(word, reason: "'\(comparison.rawValue)' compares with one value")
            }
            return PartitionFilterClause(dimension: name, comparison: comparison, values: values)
        }
        throw .invalidFilter(word, reason: "it has none of = != < <= > >=")
    }

    func json() -> JSONValue {
        ["dimension": .string(dimension), "op": .string(comparison.rawValue), "values": .array(values.map { .string($0) })]
    }

    init(fields: JSONFields) throws(PayloadDecodingError) {
        dimension = try fields.string("dimension")
        comparison = try fields.enumeration("op", as: Comparison.self)
        values = try fields.strings("values")
    }
}
