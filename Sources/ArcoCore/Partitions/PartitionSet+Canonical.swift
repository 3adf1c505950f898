extension PartitionSet {
    /// The canonical identity of a display key (ADR 0007), or `nil` when the key cannot name a
    /// partition of this set (wrong number of dimensions, malformed time key).
    public func canonicalKey(for key: String) -> CanonicalPartitionKey? {
        switch self {
        case .timeWindow(let set):
            // Only the spelling the set prints has an identity: `2024-1-5` or an unaligned hour
            // may parse to a window, but would otherwise give one partition two names.
            guard let window = try? set.window(forKey: key), window.key == key else { return nil }
            return CanonicalPartitionKey(single: set.canonicalValue(of: window))
        case .keys:
            return CanonicalPartitionKey(single: .string(key))
        case .multi(let dimensions):
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == dimensions.count else { return nil }
            var segments = [(dimension: String, value: CanonicalPartitionKey.Value)]()
            for (dimension, part) in zip(dimensions, parts) {
                guard let single = dimension.set.canonicalKey(for: part), let value = single.segments.first?.value else {
                    return nil
                }
                segments.append((dimension.name, value))
            }
            return try? CanonicalPartitionKey(segments)
        }
    }
}
