/// Dagster's logical data version (`compute_logical_data_version`): SHA-256 hex of the code
/// version followed by the input data versions, ordered by input. Used when a step reports no
/// data version of its own.
public enum DataVersion {
    /// The version of a materialization from its code version (the run id when the asset has
    /// none, as Dagster substitutes) and the upstream versions it consumed.
    public static func logical(codeVersion: String, consumed: [ConsumedVersion]) -> String {
        let ordered = consumed.sorted { ($0.asset, $0.partition ?? "") < ($1.asset, $1.partition ?? "") }
        let joined = codeVersion + ordered.map { $0.dataVersion ?? "NULL" }.joined()
        return SHA256Hex.digest(joined)
    }
}
