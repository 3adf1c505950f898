/// Which partitions a backfill covers, in the compact form `BackfillCreated` stores: never the
/// resolved list, so creating a backfill over 100,000 partitions writes one small event.
///
/// The selector is resolved against each asset's partitions when chunks are planned
/// (`BackfillResolver`), at the instant the backfill was created, so time partitions that
/// appear later do not join it.
public enum PartitionSelector: Sendable, Hashable {
    /// Every partition of every selected asset.
    case all
    /// These display keys.
    case explicit([String])
    /// Every key from `from` to `to` inclusive, in partition order.
    case range(from: String, to: String)
    /// The partitions whose dimensions satisfy every clause (`region=us,eu date>=2024-01-01`).
    case filter([PartitionFilterClause])
    /// Per asset, runs of consecutive partitions (first and last key, in partition order): the
    /// frozen answer of `--only` and the failed set of `retry-failed`. An unpartitioned asset has
    /// no runs and is included whole.
    case subset([String: [PartitionRun]])

    /// The stored form, e.g. `{"type":"range","from":"2024-01-01","to":"2024-12-31"}`.
    public func json() -> JSONValue {
        switch self {
        case .all:
            return ["type": "all"]
        case .explicit(let keys):
            return ["type": "explicit", "keys": .array(keys.map { .string($0) })]
        case .range(let from, let to):
            return ["type": "range", "from": .string(from), "to": .string(to)]
        case .filter(let clauses):
            return ["type": "filter", "clauses": .array(clauses.map { $0.json() })]
        case .subset(let assets):
            return [
                "type": "subset",
                "assets": .object(assets.mapValues { runs in .array(runs.map { .array([.string($0.first), .string($0.last)]) }) }),
            ]
        }
    }

    /// Reads the stored form.
    public init(json: JSONValue) throws(PayloadDecodingError) {
        let fields = try JSONFields(json)
        switch try fields.string("type") {
        case "all":
            self = .all
        case "explicit":
            self = .explicit(try fields.strings("keys"))
        case "range":
            self = .range(from: try fields.string("from"), to: try fields.string("to"))
        case "filter":
            self = .filter(try fields.objects("clauses") { item throws(PayloadDecodingError) in
                try PartitionFilterClause(fields: item)
            })
        case "subset":
            guard case .object(let assets) = fields.raw("assets") else {
                throw PayloadDecodingError(field: "assets", expected: "an object of asset runs")
            }
            var result = [String: [PartitionRun]]()
            for (asset, value) in assets {
                guard case .array(let runs) = value else {
                    throw PayloadDecodingError(field: "assets.\(asset)", expected: "an array of [first, last] pairs")
                }
                result[asset] = try runs.map { run throws(PayloadDecodingError) in
                    guard case .array(let ends) = run, ends.count == 2, let first = ends[0].stringValue,
                        let last = ends[1].stringValue
                    else { throw PayloadDecodingError(field: "assets.\(asset)", expected: "[first, last] pairs of keys") }
                    return PartitionRun(first: first, last: last)
                }
            }
            self = .subset(result)
        default:
            throw PayloadDecodingError(field: "type", expected: "all, explicit, range, filter or subset")
        }
    }

    /// How the selector reads on a command line, for listings.
    public var display: String {
        switch self {
        case .all: return "all partitions"
        case .explicit(let keys):
            return keys.count <= 3 ? keys.joined(separator: ",") : "\(keys.count) partitions (\(keys[0]), …)"
        case .range(let from, let to): return "\(from)...\(to)"
        case .filter(let clauses): return clauses.map(\.description).joined(separator: " ")
        case .subset(let assets):
            let runs = assets.values.reduce(0) { $0 + $1.count }
            return "\(runs) range\(runs == 1 ? "" : "s") of \(assets.count) asset\(assets.count == 1 ? "" : "s")"
        }
    }
}

/// Consecutive partitions of one asset, both ends included.
public struct PartitionRun: Sendable, Hashable {
    public var first: String
    public var last: String

    public init(first: String, last: String) {
        self.first = first
        self.last = last
    }

    /// Collapses keys (in partition order, given their positions) into runs of consecutive positions.
    public static func runs(of keys: [(key: String, position: Int)]) -> [PartitionRun] {
        var runs = [PartitionRun]()
        var previous: Int?
        for (key, position) in keys {
            if let last = previous, position == last + 1, !runs.isEmpty {
                runs[runs.count - 1].last = key
            } else {
                runs.append(PartitionRun(first: key, last: key))
            }
            previous = position
        }
        return runs
    }
}
