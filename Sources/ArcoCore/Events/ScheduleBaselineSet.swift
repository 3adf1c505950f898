/// A schedule's evaluation starts over: ticks at or before `since` never run.
///
/// Recorded by the first evaluation of a running schedule (the file said `status: running`, or
/// `schedule start` cleared the old baseline), by the first evaluation after its cron or zone
/// changed, and, with `since` nil, by an evaluation that finds the file's status turned to
/// stopped. It is what lets "starting never runs ticks from before the start" and "a changed
/// cron never runs old ticks" survive between evaluations.
public struct ScheduleBaselineSet: EventBody {
    public static let storedType = "ScheduleBaselineSet"
    public static let version = 1

    /// The schedule.
    public var schedule: String
    /// The instant evaluation starts after; nil clears the baseline (not evaluated).
    public var since: Timestamp?
    /// The crons and zone the baseline is for (`ScheduleCadence.key`); nil with `since`.
    public var cadence: String?
    /// Why, for people reading the ledger (`first evaluation`, `cron or timezone changed`).
    public var reason: String
    /// The baseline version this creates (previous + 1); a racing evaluation is rejected.
    public var baselineVersion: Int64

    /// Creates the event.
    public init(schedule: String, since: Timestamp?, cadence: String?, reason: String, baselineVersion: Int64) {
        self.schedule = schedule
        self.since = since
        self.cadence = cadence
        self.reason = reason
        self.baselineVersion = baselineVersion
    }

    /// `sched_baseline:{schedule}:{baseline_version}`: two evaluations racing to set the same
    /// version record it once.
    public var idempotencyKey: IdempotencyKey {
        IdempotencyKey("sched_baseline:\(schedule):\(baselineVersion)")
    }

    public func payloadJSON() -> JSONValue {
        [
            "schedule": .string(schedule), "since": .optional(since?.iso8601), "cadence": .optional(cadence),
            "reason": .string(reason), "baseline_version": .int(baselineVersion),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.schedule = try fields.string("schedule")
        if let text = try fields.optionalString("since") {
            guard let since = Timestamp(iso8601: text) else {
                throw PayloadDecodingError(field: "since", expected: "an ISO 8601 timestamp")
            }
            self.since = since
        } else {
            self.since = nil
        }
        self.cadence = try fields.optionalString("cadence")
        self.reason = try fields.string("reason")
        self.baselineVersion = try fields.int("baseline_version")
    }
}
