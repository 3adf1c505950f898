import ArcoCore

extension Engine {
    /// Refuses partition keys typed on the command line that no partition can have.
    ///
    /// A key with a control character (C0, DEL or C1 such as U+0085) can never be a partition,
    /// since `arco.yaml` and `arco partitions add` refuse them; saying so is clearer than "not a
    /// partition" followed by a nearest key that prints on two lines.
    /// - Throws: exit 65 naming the option and the key, control characters written as `\u{XX}`.
    static func checkTypedPartitionKeys(_ keys: [String], option: String) throws {
        guard let key = keys.first(where: { PartitionKeyRules.containsControlCharacter($0) }) else { return }
        throw OperatorError(
            .dataError, "\(option) '\(PartitionKeyRules.printable(key))' contains a control character",
            hint: "list the keys with `arco partitions list DEF`; keys never contain control characters")
    }
}

extension PartitionRequest {
    /// The keys a request names.
    var typedKeys: [String] {
        switch self {
        case .none: []
        case .key(let key): [key]
        case .range(let from, let to): [from, to]
        }
    }
}

extension PartitionSelector {
    /// The keys a selector names literally (filters compare values, and never match such keys).
    var typedKeys: [String] {
        switch self {
        case .explicit(let keys): keys
        case .range(let from, let to): [from, to]
        case .all, .filter, .subset: []
        }
    }
}
