/// The keys on either side of where a mistyped key would sort, for "nearest:" hints.
///
/// Keys of the default time formats sort chronologically, so a lexical neighbour is the nearest
/// window: `2024-02-30` sits between `2024-02-29` and `2024-03-01`. For other key orders the
/// neighbours are only a suggestion.
public enum NearestKeys {
    /// At most two keys of `keys` (in partition order) around `key`, by binary search over their
    /// byte order when the keys are sorted, by a scan otherwise.
    public static func around(_ key: String, in keys: [String]) -> [String] {
        let precedes = { (a: String, b: String) in a.utf8.lexicographicallyPrecedes(b.utf8) }
        let sorted = zip(keys, keys.dropFirst()).allSatisfy { !precedes($1, $0) }
        var index: Int
        if sorted {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(keys[middle], key) { low = middle + 1 } else { high = middle }
            }
            index = low
        } else {
            index = keys.firstIndex { !precedes($0, key) } ?? keys.count
        }
        return [index - 1, index].filter { keys.indices.contains($0) }.map { keys[$0] }
    }
}
