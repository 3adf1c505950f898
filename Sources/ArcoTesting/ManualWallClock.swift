import ArcoCore
import Foundation

/// A clock tests move by hand: it starts where told and changes only through `advance(by:)`.
public final class ManualWallClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp

    /// Creates a clock at an instant.
    public init(_ start: Timestamp = Timestamp(secondsSinceEpoch: 1_704_067_200)) {
        self.current = start
    }

    public func now() -> Timestamp {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock forward.
    public func advance(bySeconds seconds: Int64) {
        lock.lock()
        current = Timestamp(microsecondsSinceEpoch: current.microsecondsSinceEpoch + seconds * 1_000_000)
        lock.unlock()
    }
}
