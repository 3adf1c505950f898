import Foundation

/// Collects what an engine call reports through its `@Sendable` progress callback, which may be
/// called from the tasks executing steps.
final class EventRecorder<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Event] = []

    var events: [Event] { lock.withLock { recorded } }

    func record(_ event: Event) { lock.withLock { recorded.append(event) } }
}
