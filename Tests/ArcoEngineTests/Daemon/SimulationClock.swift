import ArcoCore
import Foundation

/// A daemon's clock in the simulation: the world's time plus this daemon's skew. Every reading
/// is also a point where the world may pause the daemon (run the others for longer than the
/// lease before answering) or crash it (run the rest of the seed before answering): the engine
/// reads the clock just before each write it makes, so these are exactly the places where a
/// real daemon could stop between deciding and writing.
final class SimulationClock: WallClock, @unchecked Sendable {
    unowned let world: DaemonSimulation
    let slot: Int
    var skewMicroseconds: Int64 = 0
    /// Set while this clock's daemon instance is the one the world stepped; readings by a dead
    /// instance (resumed after the seed ended) never pause anything.
    var instance: Int = 0

    init(world: DaemonSimulation, slot: Int) {
        self.world = world
        self.slot = slot
    }

    func now() -> Timestamp {
        world.clockRead(slot: slot, instance: instance)
        return Timestamp(microsecondsSinceEpoch: world.time + skewMicroseconds)
    }
}

/// A clock that only reads the world's time (CLI commands and simulated workers never pause).
final class WorldClock: WallClock, @unchecked Sendable {
    unowned let world: DaemonSimulation

    init(world: DaemonSimulation) { self.world = world }

    func now() -> Timestamp { Timestamp(microsecondsSinceEpoch: world.time) }
}

/// Ids that say who made them: `{tag}-t{token}-{n}` for a daemon (the token it held when it
/// made the id, read from its fence), so the invariant checker can tell, for every ledger row,
/// which tenure wrote it.
final class SimulationIDs: IDGenerator, @unchecked Sendable {
    let tag: String
    var token: () -> Int64? = { nil }
    private var counter = 0

    init(tag: String) { self.tag = tag }

    private func next() -> String {
        counter += 1
        return "\(tag)-t\(token() ?? 0)-\(counter)"
    }

    func makeEventID(at time: Timestamp) -> EventID { EventID(next()) }

    func makeID(prefix: String, at time: Timestamp) -> String { prefix + "-" + next() }

    /// The token in an id this class made for a daemon, or nil for other writers.
    static func daemonToken(_ id: String) -> Int64? {
        guard id.hasPrefix("d") else { return nil }
        let parts = id.split(separator: "-")
        guard parts.count == 3, parts[1].hasPrefix("t") else { return nil }
        return Int64(parts[1].dropFirst())
    }
}
