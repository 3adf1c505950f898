/// The run key of a backfill's run: `backfill:{backfill_id}:{sha256hex(asset, canonical
/// partitions)[..16]}:{attempt}` (ARCHITECTURE §5). One key per asset partition and attempt makes
/// two drivers requesting the same partition get the same run.
public enum BackfillRunKey {
    public static func make(backfill: BackfillID, asset: String, canonicalPartitions: [String], attempt: Int64) -> RunKey {
        let digest = SHA256Hex.digest(([asset] + canonicalPartitions).joined(separator: "\n"))
        return RunKey("backfill:\(backfill.rawValue):\(digest.prefix(16)):\(attempt)")
    }

    /// The attempt a backfill run key ends with.
    public static func attempt(of key: RunKey?) -> Int64? {
        guard let key, key.rawValue.hasPrefix("backfill:"), let last = key.rawValue.split(separator: ":").last else { return nil }
        return Int64(last)
    }
}
