/// What one asset's `automation:` condition asks for at an evaluation (ADR 0011, reconciliation).
///
/// Conditions follow Dagster's composites, evaluated on staleness rows rather than on Dagster's
/// event cursors:
/// - `eager`: partitions never materialized, or whose upstream data changed (`UPSTREAM_CHANGED`),
///   once no partition they read is missing or itself stale;
/// - `on_missing`: partitions never materialized, once nothing they read is missing; requested
///   once per partition;
/// - `on_cron(c)`: after each tick of `c`, the latest partition, once every asset it reads has
///   been materialized since the tick; requested once per tick.
/// Only the latest time window is considered for time-partitioned assets (Dagster's
/// `in_latest_time_window`), and partitions with a run in flight are left alone. Each request
/// carries a run key, so evaluating twice requests nothing twice.
public struct AutomationDecision: Sendable {
    /// What the decision reads about one automated asset.
    public struct Inputs {
        /// The asset.
        public var asset: AssetKey
        /// Its policy.
        public var policy: AutomationPolicy
        /// Every partition's row, fresh ones included, in partition order.
        public var rows: [StalenessRow]
        /// The partitions automation looks at (the latest time window); nil for all.
        public var candidates: Set<String>?
        /// Partitions (display keys, `""` unpartitioned) with a run in flight.
        public var inProgress: Set<String>
        /// Whether a partition it reads directly is missing.
        public var upstreamMissing: (String?) -> Bool
        /// When the partition was last materialized.
        public var materializedAt: (String?) -> Timestamp?
        /// Whether everything the partition reads directly was materialized at or after an instant.
        public var upstreamUpdated: (String?, Timestamp) -> Bool

        /// Creates inputs.
        public init(
            asset: AssetKey, policy: AutomationPolicy, rows: [StalenessRow], candidates: Set<String>?,
            inProgress: Set<String>, upstreamMissing: @escaping (String?) -> Bool,
            materializedAt: @escaping (String?) -> Timestamp?, upstreamUpdated: @escaping (String?, Timestamp) -> Bool
        ) {
            self.asset = asset
            self.policy = policy
            self.rows = rows
            self.candidates = candidates
            self.inProgress = inProgress
            self.upstreamMissing = upstreamMissing
            self.materializedAt = materializedAt
            self.upstreamUpdated = upstreamUpdated
        }
    }

    /// One run to request.
    public struct Request: Sendable, Hashable {
        public var partition: String?
        public var runKey: String

        public init(partition: String?, runKey: String) {
            self.partition = partition
            self.runKey = runKey
        }
    }

    /// The runs to request, and why others were not.
    public struct Outcome: Sendable {
        public var requests: [Request]
        public var skipReason: String?
    }

    /// Decides for one asset at `now`.
    public static func decide(_ inputs: Inputs, now: Timestamp) -> Outcome {
        guard inputs.policy.isEnabled else { return Outcome(requests: [], skipReason: "disabled (enabled: false)") }
        let rows = inputs.rows.filter { row in
            inputs.candidates.map { $0.contains(row.partition ?? "") } ?? true
        }
        var requests: [Request] = []
        var waiting = 0
        var running = 0
        func key(_ row: StalenessRow, _ suffix: String) -> String {
            "automation:\(row.asset.rawValue):\(row.partition ?? "-"):\(suffix)"
        }
        switch inputs.policy.condition {
        case .eager, .onMissing:
            let eager = inputs.policy.condition == .eager
            for row in rows {
                let wanted = row.reason == .neverMaterialized || (eager && row.reason == .upstreamChanged)
                // Waiting also when something it reads is missing or stale behind a higher-ranked
                // reason (an `UPSTREAM_CHANGED` row may read a stale partition too).
                let blocked = row.reason == .upstreamNeverMaterialized || row.reason == .upstreamStale
                    || row.upstreamCauses.contains { cause in
                        switch cause {
                        case .upstreamNeverMaterialized, .upstreamStale: true
                        default: false
                        }
                    }
                guard wanted || (eager && blocked) else { continue }
                if inputs.inProgress.contains(row.partition ?? "") {
                    running += 1
                    continue
                }
                if blocked || inputs.upstreamMissing(row.partition) {
                    waiting += 1
                    continue
                }
                let suffix = row.reason == .neverMaterialized && !eager
                    ? "missing" : String(SHA256Hex.digest(CanonicalJSON.encode(row.json())).prefix(16))
                requests.append(Request(partition: row.partition, runKey: key(row, suffix)))
            }
        case .onCron(let cron, let timezone):
            guard let schedule = CronSchedule(crons: [cron], timeZoneIdentifier: timezone),
                let tick = schedule.previous(before: Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + 1)),
                let row = rows.last
            else { return Outcome(requests: [], skipReason: "no cron tick yet") }
            if let done = inputs.materializedAt(row.partition), done >= tick { break }
            if inputs.inProgress.contains(row.partition ?? "") {
                running += 1
            } else if !inputs.upstreamUpdated(row.partition, tick) {
                return Outcome(requests: [], skipReason: "waiting for upstream materializations since the \(tick.iso8601) tick")
            } else {
                requests.append(Request(partition: row.partition, runKey: key(row, "cron:\(tick.secondsSinceEpoch)")))
            }
        }
        var reasons: [String] = []
        if waiting > 0 { reasons.append("\(Plural.count(waiting, "partition")) \(waiting == 1 ? "waits" : "wait") for missing or stale upstream partitions") }
        if running > 0 { reasons.append("\(Plural.count(running, "partition")) \(running == 1 ? "has" : "have") a run in flight") }
        return Outcome(requests: requests, skipReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
    }
}
