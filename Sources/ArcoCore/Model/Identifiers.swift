/// Declares a string-backed identifier type, so signatures say what they mean.
///
/// Each identifier is its own type (STYLE rule 7); they share this shape and nothing else.
public protocol StringIdentifier: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier as stored and printed.
    var rawValue: String { get }
    /// Wraps a raw string.
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The unique id of one ledger event (a ULID-shaped string).
public struct EventID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The key under which the ledger accepts an event at most once (the global idempotency gate).
public struct IdempotencyKey: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of one run.
public struct RunID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A caller-chosen key that makes a run request exactly-once.
public struct RunKey: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The key of one step (asset × partition) inside a run.
public struct StepKey: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of one attempt of a step; it guards the fold against facts from superseded attempts.
public struct AttemptID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of one backfill.
public struct BackfillID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
