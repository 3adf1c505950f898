/// How long to wait before the next attempt of a failed step, from its retry policy.
public enum RetryDelay {
    /// The wait before attempt `nextAttempt` (2 for the first retry).
    /// - Parameter unitRandom: a value in [0, 1) for jitter, supplied by the caller so the
    ///   decision stays pure.
    public static func before(attempt nextAttempt: Int64, policy: RetryPolicy, unitRandom: Double) -> Duration {
        let retryIndex = max(0, nextAttempt - 2)
        var delay = policy.delay
        if policy.backoff == .exponential {
            // Capped so that a long retry list cannot overflow.
            delay = policy.delay * Int(1 << min(retryIndex, 20))
        } else if policy.backoff == .linear {
            delay = policy.delay * Int(retryIndex + 1)
        }
        guard policy.jitter > 0 else { return delay }
        // Jitter spreads the wait by ±jitter of itself, as Dagster's `Jitter.PLUS_MINUS`.
        let factor = 1 + policy.jitter * (unitRandom * 2 - 1)
        return delay * max(0, factor)
    }
}
