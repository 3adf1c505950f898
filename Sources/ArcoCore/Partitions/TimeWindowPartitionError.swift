/// Why a time-window definition cannot produce partitions, or a key cannot be looked up.
public enum TimeWindowPartitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The time zone is not in the tz database.
    case unknownTimeZone(String)
    /// The cadence's cron (or an exclusion cron) does not parse.
    case invalidCron(String, CronSyntax.ParseError)
    /// The cadence never fires after `start` (within the iterator's nine-year search).
    case noWindows
    /// Two consecutive windows format to the same key, as Dagster's `fmt` check refuses.
    case formatTooCoarse(format: String, key: String)
    /// `end_offset` is beyond `Limits.windowOffsetMagnitudeMax` either way.
    case endOffsetOutOfRange(Int)
    /// A key does not parse with the format, nor with the format followed by `%z`.
    case malformedKey(key: String, format: String)

    /// What is wrong, lowercase and without a trailing period.
    public var description: String {
        switch self {
        case .unknownTimeZone(let zone): "unknown time zone '\(zone)'"
        case .invalidCron(let cron, let error): "invalid cron '\(cron)': \(error)"
        case .noWindows: "the cadence has no window after 'start'"
        case .formatTooCoarse(let format, let key):
            "format '\(format)' gives two consecutive windows the same key '\(key)'"
        case .endOffsetOutOfRange(let offset):
            "end_offset \(offset) is beyond ±\(Limits.windowOffsetMagnitudeMax)"
        case .malformedKey(let key, let format):
            "'\(key)' does not match the key format '\(format)'"
        }
    }
}
