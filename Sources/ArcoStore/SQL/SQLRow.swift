/// One result row, read by column position as the statements list their columns.
struct SQLRow {
    var values: [SQLValue]

    init(_ values: [SQLValue]) { self.values = values }

    var count: Int { values.count }

    /// The column at `index` as `T`; a NULL reads as nil only when `T` is optional.
    subscript<T: SQLDecodable>(_ index: Int) -> T {
        let value = values[index]
        guard let decoded = T.decode(value) else {
            preconditionFailure("column \(index) holds \(value), which does not read as \(T.self)")
        }
        return decoded
    }
}

/// Statement arguments, written as an array literal at the call site: `[run.rawValue, seq, nil]`.
struct SQLArguments: ExpressibleByArrayLiteral {
    var values: [SQLValue]

    init(_ values: [SQLValue] = []) { self.values = values }

    init(arrayLiteral elements: (any SQLEncodable)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    static func += (lhs: inout SQLArguments, rhs: SQLArguments) { lhs.values += rhs.values }

    mutating func append(_ value: (any SQLEncodable)?) { values.append(value?.sqlValue ?? .null) }
}
