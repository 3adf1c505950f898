/// Why a backfill request cannot be resolved. Pure: the engine turns each case into an operator
/// error (exit 65) with a hint.
public enum BackfillError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidFilter(String, reason: String)
    case unknownDimension(String, asset: String, available: [String])
    case notAKey(String, asset: String, nearest: [String])
    case reversedRange(from: String, to: String, asset: String)
    case rangeOnMultiDimensions(asset: String)
    /// The selector does not name this asset's partitions and no selected upstream maps to them.
    case notApplicable(asset: String, partitionsDef: String, selector: String)
    case mapping(asset: String, upstream: String, reason: String)
    case nothingPartitioned
    case empty(selector: String)

    public var description: String {
        switch self {
        case .invalidFilter(let clause, let reason):
            return "filter clause '\(clause)' is invalid: \(reason)"
        case .unknownDimension(let name, let asset, let available):
            return "asset '\(asset)' has no partition dimension '\(name)'; it has: \(available.joined(separator: ", "))"
        case .notAKey(let key, let asset, let nearest):
            return "'\(key)' is not a partition of asset '\(asset)'"
                + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))")
        case .reversedRange(let from, let to, let asset):
            return "partition range '\(from)...\(to)' is reversed for asset '\(asset)'"
        case .rangeOnMultiDimensions(let asset):
            return "asset '\(asset)' has multi-dimensional partitions; a --from/--to range has no order over them"
        case .notApplicable(let asset, let partitionsDef, let selector):
            return "partitions '\(selector)' do not belong to asset '\(asset)' (partitions '\(partitionsDef)'), "
                + "and no selected upstream asset maps to it"
        case .mapping(let asset, let upstream, let reason):
            return "cannot map partitions from '\(upstream)' to '\(asset)': \(reason)"
        case .nothingPartitioned:
            return "no selected asset is partitioned, so there is nothing to backfill"
        case .empty(let selector):
            return "the backfill selects no partitions (\(selector))"
        }
    }
}
