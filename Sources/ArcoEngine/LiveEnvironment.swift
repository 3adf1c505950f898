import ArcoCore
import Foundation

/// The system clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(microsecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000)
    }
}

/// ULIDs from the system's cryptographic random source.
public struct RandomIDGenerator: IDGenerator {
    /// Creates the generator.
    public init() {}

    public func makeEventID(at time: Timestamp) -> EventID {
        EventID(makeULID(at: time))
    }

    public func makeID(prefix: String, at time: Timestamp) -> String {
        "\(prefix)_\(makeULID(at: time).lowercased())"
    }

    private func makeULID(at time: Timestamp) -> String {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, time.microsecondsSinceEpoch / 1000))
        return ULID.format(
            milliseconds: milliseconds, entropyHigh: UInt16.random(in: .min ... .max, using: &generator),
            entropyLow: generator.next())
    }
}

/// The clock, id generator and store options a process runs with, built once.
public struct EngineEnvironment: Sendable {
    /// The wall clock.
    public var clock: any WallClock
    /// The id generator.
    public var ids: any IDGenerator
    /// `synchronous=FULL` unless `ARCO_SYNCHRONOUS=normal`.
    public var synchronousFull: Bool
    /// How long a writer waits for the store's write lock.
    public var busyTimeoutMilliseconds: Int

    /// Creates an environment.
    public init(clock: any WallClock, ids: any IDGenerator, synchronousFull: Bool = true, busyTimeoutMilliseconds: Int = 10_000) {
        self.clock = clock
        self.ids = ids
        self.synchronousFull = synchronousFull
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// The live environment, honouring `ARCO_SYNCHRONOUS` and `ARCO_BUSY_TIMEOUT_MS`.
    public static func live(environment: [String: String]) -> EngineEnvironment {
        let synchronous = environment["ARCO_SYNCHRONOUS"]?.lowercased() != "normal"
        let busy = environment["ARCO_BUSY_TIMEOUT_MS"].flatMap(Int.init) ?? 10_000
        return EngineEnvironment(
            clock: SystemWallClock(), ids: RandomIDGenerator(), synchronousFull: synchronous,
            busyTimeoutMilliseconds: busy)
    }
}
