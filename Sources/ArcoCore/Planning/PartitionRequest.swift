/// Which partitions a run asks for (`--partition KEY` or `--partition-range A...B`).
public enum PartitionRequest: Sendable, Hashable {
    /// No partition given: only unpartitioned assets can be planned.
    case none
    /// One partition key.
    case key(String)
    /// Every key from `from` to `to` inclusive, in the partition order of each asset.
    case range(from: String, to: String)

    /// Parses `A...B`, Dagster's range separator (which is why `...` is forbidden inside keys).
    public static func parseRange(_ text: String) -> PartitionRequest? {
        let characters = Array(text)
        var found: Int?
        for index in characters.indices.dropLast(2)
        where characters[index] == "." && characters[index + 1] == "." && characters[index + 2] == "." {
            guard found == nil else { return nil }
            found = index
        }
        guard let found else { return nil }
        let from = String(characters[..<found])
        let to = String(characters[(found + 3)...])
        guard !from.isEmpty, !to.isEmpty, from.last != ".", to.first != "." else { return nil }
        return .range(from: from, to: to)
    }

    /// How the request reads on a command line, for messages.
    public var display: String? {
        switch self {
        case .none: return nil
        case .key(let key): return key
        case .range(let from, let to): return "\(from)...\(to)"
        }
    }
}
