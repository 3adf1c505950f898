extension StalenessRow {
    /// Appends `CanonicalJSON.encode(json())` without building the `JSONValue`: a full report
    /// writes hundreds of thousands of rows, and the dictionaries cost more than the evaluation.
    /// `StalenessRowJSONTests` checks the bytes agree.
    public func writeJSON(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"asset":"#.utf8)
        CanonicalJSON.writeString(asset.rawValue, to: &out)
        out.append(contentsOf: #","cause":"#.utf8)
        if let cause { cause.writeJSON(to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","partition":"#.utf8)
        Self.write(partition, to: &out)
        out.append(contentsOf: #","reason":"#.utf8)
        Self.write(reason?.rawValue, to: &out)
        out.append(contentsOf: #","since":"#.utf8)
        Self.write(since?.iso8601, to: &out)
        out.append(contentsOf: #","status":"#.utf8)
        CanonicalJSON.writeString(status.rawValue, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    static func write(_ text: String?, to out: inout [UInt8]) {
        if let text { CanonicalJSON.writeString(text, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }
}

extension StalenessCause {
    /// Appends `CanonicalJSON.encode(json())`, members in byte order.
    func writeJSON(to out: inout [UInt8]) {
        func member(_ name: StaticString, _ value: String?, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: #"":"#.utf8)
            StalenessRow.write(value, to: &out)
        }
        out.append(UInt8(ascii: "{"))
        switch self {
        case .neverMaterialized:
            break
        case .codeChanged(let materialized, let current, let at):
            member("current_code_version", current, first: true)
            member("materialized_at", at.iso8601)
            member("materialized_code_version", materialized)
        case .upstreamNeverMaterialized(let asset, let partition):
            member("upstream_asset", asset.rawValue, first: true)
            member("upstream_partition", partition)
        case .upstreamChanged(let asset, let partition, let consumed, let current, let changedAt):
            member("changed_at", changedAt?.iso8601, first: true)
            member("consumed_data_version", consumed)
            member("current_data_version", current)
            member("upstream_asset", asset.rawValue)
            member("upstream_partition", partition)
        case .upstreamStale(let asset, let partition, let reason):
            member("upstream_asset", asset.rawValue, first: true)
            member("upstream_partition", partition)
            member("upstream_reason", reason.rawValue)
        case .freshnessViolated:
            // Rare (one row per asset at most): the general encoder is fine.
            out.removeLast()
            CanonicalJSON.write(json(), to: &out)
            return
        }
        out.append(UInt8(ascii: "}"))
    }
}
