import Foundation

/// Releases threads together once `parties` of them arrived: a start line, so the writers
/// contend from their first statement instead of one finishing before the next has connected.
final class ThreadBarrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived == parties {
            condition.broadcast()
        } else {
            while arrived < parties { condition.wait() }
        }
    }
}
