/// How often and how patiently a failed step is retried.
public struct RetryPolicy: Sendable, Hashable {
    /// How the delay grows between attempts.
    public enum Backoff: String, Sendable, Hashable, CaseIterable {
        /// The same delay every time.
        case fixed
        /// `delay × attempt`.
        case linear
        /// `delay × 2^(attempt-1)`.
        case exponential
    }

    /// Retries after the first attempt; 0 disables retries.
    public var maxRetries: Int
    /// The base delay before a retry.
    public var delay: Duration
    /// How the delay grows.
    public var backoff: Backoff
    /// The fraction, 0 to 1, by which each delay is randomly shortened or lengthened.
    public var jitter: Double

    /// Creates a policy.
    public init(maxRetries: Int, delay: Duration = .zero, backoff: Backoff = .fixed,
        jitter: Double = 0)
    {
        self.maxRetries = maxRetries
        self.delay = delay
        self.backoff = backoff
        self.jitter = jitter
    }

    /// No retries: what an asset without `retries:` gets.
    public static let none = RetryPolicy(maxRetries: 0)
}
