/// What carrying out one step gave.
public enum StalenessStepOutcome: Sendable {
    /// The cached verdicts stand (restored into the evaluator, or passed over).
    case reused
    /// The cached rows with those at the step's positions evaluated again, encoded, and their counts.
    case refreshed(bytes: [UInt8], counts: [Int])
    /// The non-fresh rows of a full evaluation, in partition order.
    case evaluated([StalenessRow])
}
