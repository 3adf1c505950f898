import ArcoCore
import ArcoStore
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

/// Monotonic ULIDs from the system's cryptographic random source.
///
/// Ids minted in the same millisecond increment the previous entropy instead of drawing new
/// bits (the ULID spec's monotonic mode), so a batch's event ids are ordered and land next to
/// each other in the ledger's `event_id` index instead of at random pages.
public final class RandomIDGenerator: IDGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var lastMilliseconds: UInt64 = 0
    private var lastHigh: UInt16 = 0
    private var lastLow: UInt64 = 0

    /// Creates the generator.
    public init() {}

    public func makeEventID(at time: Timestamp) -> EventID {
        EventID(makeULID(at: time))
    }

    public func makeID(prefix: String, at time: Timestamp) -> String {
        "\(prefix)_\(makeULID(at: time).lowercased())"
    }

    private func makeULID(at time: Timestamp) -> String {
        let milliseconds = UInt64(max(0, time.microsecondsSinceEpoch / 1000))
        lock.lock()
        defer { lock.unlock() }
        if milliseconds <= lastMilliseconds {
            let (low, overflow) = lastLow.addingReportingOverflow(1)
            lastLow = low
            if overflow { lastHigh &+= 1 }
        } else {
            var generator = SystemRandomNumberGenerator()
            lastMilliseconds = milliseconds
            // The top bit stays clear so that increments within a millisecond cannot wrap around.
            lastHigh = UInt16.random(in: 0...(UInt16.max >> 1), using: &generator)
            lastLow = generator.next()
        }
        return ULID.format(milliseconds: lastMilliseconds, entropyHigh: lastHigh, entropyLow: lastLow)
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
    /// The folders a symbolic-link `.arco` may point to (`ARCO_STATE_DIR`, `:`-separated);
    /// any other link is refused (docs/adr/0013-symlinks-in-the-store.md).
    public var stateLinkTargets: [String]
    /// The daemon's lease fence: when set, every write checks the daemon's token in the same
    /// transaction (docs/adr/0022-daemon.md). Nil for every other command.
    public var fence: LeaseFence?
    /// Starts a worker process for a queued run; nil for the real `arco worker` process. The
    /// daemon simulation installs one that records launches instead.
    public var workerLauncher: (@Sendable (RunID) throws -> Void)?
    /// With a fence (the daemon): every worker launch is first recorded under the fence, and a
    /// recorded launch blocks another of the same run for this long (`WorkspaceStore.recordLaunch`).
    public var relaunchAfter: Duration?
    /// When `arco.yaml` stops parsing, keep using the last good parse instead of failing (the
    /// daemon: a half-saved edit must not stop every schedule).
    public var keepsLastGoodDefinitions = false
    /// Which store the workspace uses (`--store`, `ARCO_STORE`, `store:`; SQLite by default).
    public var store: StoreSelection = .sqlite
    /// Where `store` was set, for `arco doctor` and error messages.
    public var storeSource: StoreSelection.Source = .builtIn
    /// How long a run executing on another host may go without a heartbeat before it counts as
    /// lost (`ARCO_HEARTBEAT_TIMEOUT_MS`). Every host sharing a store must use the same value:
    /// the executing host beats at a quarter of its own, the judging host waits its own.
    public var heartbeatTimeout: Duration = .seconds(Limits.heartbeatTimeoutSeconds)

    /// Creates an environment.
    public init(
        clock: any WallClock, ids: any IDGenerator, synchronousFull: Bool = true, busyTimeoutMilliseconds: Int = Limits.busyTimeoutMillisecondsDefault,
        stateLinkTargets: [String] = []
    ) {
        self.clock = clock
        self.ids = ids
        self.synchronousFull = synchronousFull
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.stateLinkTargets = stateLinkTargets
    }

    /// The live environment, honouring `ARCO_SYNCHRONOUS`, `ARCO_BUSY_TIMEOUT_MS`,
    /// `ARCO_STATE_DIR` and `ARCO_HEARTBEAT_TIMEOUT_MS`.
    public static func live(environment: [String: String]) -> EngineEnvironment {
        let synchronous = environment["ARCO_SYNCHRONOUS"]?.lowercased() != "normal"
        let busy = environment["ARCO_BUSY_TIMEOUT_MS"].flatMap(Int.init) ?? Limits.busyTimeoutMillisecondsDefault
        var live = EngineEnvironment(
            clock: SystemWallClock(), ids: RandomIDGenerator(), synchronousFull: synchronous,
            busyTimeoutMilliseconds: busy,
            stateLinkTargets: (environment["ARCO_STATE_DIR"] ?? "").split(separator: ":").map(String.init))
        if let milliseconds = environment["ARCO_HEARTBEAT_TIMEOUT_MS"].flatMap(Int64.init) {
            // Clamped rather than refused, like ARCO_BUSY_TIMEOUT_MS: below a second the beats
            // would outnumber the work; a day is longer than any reason to wait.
            live.heartbeatTimeout = .milliseconds(min(max(milliseconds, Limits.heartbeatTimeoutMillisecondsMin), Limits.heartbeatTimeoutMillisecondsMax))
        }
        return live
    }
}
