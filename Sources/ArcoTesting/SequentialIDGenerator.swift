import ArcoCore
import Foundation

/// Ids that count up (`evt-000001`, `run-000001`, …): reproducible across test runs.
public final class SequentialIDGenerator: IDGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var counter = 0

    /// Creates a generator starting at 1.
    public init() {}

    private func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }

    public func makeEventID(at time: Timestamp) -> EventID {
        EventID(String(format: "evt-%06d", next()))
    }

    public func makeID(prefix: String, at time: Timestamp) -> String {
        String(format: "%@-%06d", prefix, next())
    }
}
