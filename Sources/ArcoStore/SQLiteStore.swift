import ArcoCore
import Foundation
import GRDB

/// The workspace store: the ledger and its projections in one SQLite file.
///
/// Writers take `BEGIN IMMEDIATE` so concurrent `arco` processes queue on the write lock instead
/// of failing mid-transaction; a writer that waits past `busyTimeoutMilliseconds` gets
/// `StoreError.busy`, never a raw "database is locked".
public final class SQLiteStore: @unchecked Sendable {
    /// How a store is opened. Options are explicit at the call site (no hidden defaults).
    public struct Options: Sendable {
        /// `true`: fsync on every commit (an acknowledged event survives power loss).
        /// `false`: `synchronous=NORMAL`, which in WAL mode may lose the last commits on power loss
        /// but never corrupts the store.
        public var synchronousFull: Bool
        /// How long a writer waits for the write lock in total before giving up.
        public var busyTimeoutMilliseconds: Int
        /// Create the database file (mode 0600) when it does not exist.
        public var create: Bool
        /// Checked inside every write transaction when set: the daemon's writes (ADR 0022).
        public var fence: LeaseFence?

        /// Creates options.
        public init(
            synchronousFull: Bool = true, busyTimeoutMilliseconds: Int = Limits.busyTimeoutMillisecondsDefault, create: Bool = true,
            fence: LeaseFence? = nil
        ) {
            self.fence = fence
            self.synchronousFull = synchronousFull
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.create = create
        }
    }

    /// The database file.
    public let path: String
    let options: Options
    let queue: DatabaseQueue
    /// The statements `queue`'s connection has checked the argument counts of (`GRDBSession`).
    let checkedStatements = GRDBSession.CheckedStatements()

    /// Opens (and if asked, creates and migrates) the store at `path`.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        try Self.secureFiles(at: path)
        if !FileManager.default.fileExists(atPath: path) {
            guard options.create else { throw StoreError.unavailable(path: path, detail: "no such file") }
            try SQLiteStore.createPrivateFile(at: path)
        }
        var configuration = Configuration()
        // SQLite's own busy handler waits in short sleeps; our retry loop covers what it does not.
        configuration.busyMode = .timeout(Double(min(options.busyTimeoutMilliseconds, Limits.busyWaitSliceMillisecondsMax)) / 1000)
        configuration.label = "arco"
        let synchronous = options.synchronousFull ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // A 1,000-event batch touches more index pages than SQLite's default 2 MiB cache holds;
            // spilling them mid-transaction doubled the write cost.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        // Opening runs `PRAGMA journal_mode = WAL`, which can meet another process's lock while a
        // new store is being set up: retry it like any other busy moment.
        queue = try Self.retryingWhileBusy(timeoutMilliseconds: options.busyTimeoutMilliseconds) {
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch {
                throw SQLiteStore.map(error, path: path)
            }
        }
        try migrate()
    }

    private func migrate() throws {
        try withBusyRetry {
            do {
                try StoreMigrations.migrate(queue)
            } catch let error as DatabaseError {
                throw SQLiteStore.map(error, path: path)
            }
        }
    }

    /// Creates the database file readable and writable by its owner only; SQLite gives the `-wal`
    /// and `-shm` files the same mode.
    static func createPrivateFile(at path: String) throws(StoreError) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw StoreError.unavailable(path: path, detail: String(cString: strerror(errno)))
        }
        close(descriptor)
    }

    // MARK: - Transactions

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, retrying while the store is busy.
    ///
    /// `body` may run more than once when the lock is contended, so it must not have effects
    /// outside the transaction.
    ///
    /// With a fence in the options, the lease token is checked first in the same transaction:
    /// `StoreError.fenced` and nothing written when it is no longer the store's.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try write(fence: options.fence, body)
    }

    /// `write` with an explicit fence; lease operations pass nil, since taking the lease is what
    /// a fenced-out daemon must still be able to try.
    func write<T>(fence: LeaseFence?, _ body: (StoreTransaction) throws -> T) throws -> T {
        try withBusyRetry {
            do {
                var result: T?
                try queue.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let session = GRDBSession(db, checked: checkedStatements)
                        try fence?.check(session)
                        result = try body(StoreTransaction(session: session))
                        return .commit
                    }
                }
                guard let result else { preconditionFailure("transaction committed without a result") }
                return result
            } catch let error as DatabaseError {
                throw releasingSpaceIfFull(SQLiteStore.map(error, path: path))
            }
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot).
    ///
    /// A plain deferred transaction, not GRDB's `read`: that one sets `PRAGMA query_only` on and
    /// off around the body, and SQLite expires every prepared statement of the connection when a
    /// flag pragma changes. Each read then made the next write compile all its cached statements
    /// again, which was most of the CPU of a small write such as a sensor push.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try readDatabase { db in try body(StoreReader(session: GRDBSession(db, checked: checkedStatements))) }
    }

    /// `read` on the connection itself, for what only SQLite has (pragmas, `sqlite_master`).
    func readDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try withBusyRetry {
            do {
                return try queue.writeWithoutTransaction { db in
                    var result: T?
                    try db.inTransaction(.deferred) {
                        result = try body(db)
                        return .commit
                    }
                    guard let result else { preconditionFailure("read transaction ended without a result") }
                    return result
                }
            } catch let error as DatabaseError {
                throw SQLiteStore.map(error, path: path)
            }
        }
    }

    /// Runs `body` in a read transaction on a second, read-only connection to the same file, for
    /// reading beside the main connection on another thread.
    func readOnCompanion<T>(_ body: (StoreReader) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Double(min(options.busyTimeoutMilliseconds, Limits.busyWaitSliceMillisecondsMax)) / 1000)
        configuration.label = "arco-prefetch"
        // It reads each asset's rows once, in order: SQLite's default cache serves that as well
        // as the main connection's larger one, in a sixteenth of the memory.
        let companion = try DatabaseQueue(path: path, configuration: configuration)
        return try companion.read { db in try body(StoreReader(session: GRDBSession(db))) }
    }

    /// Retries `body` while SQLite reports the store busy, up to the configured total wait.
    func withBusyRetry<T>(_ body: () throws -> T) throws -> T {
        try Self.retryingWhileBusy(timeoutMilliseconds: options.busyTimeoutMilliseconds, body)
    }

    /// Retries `body` while it throws `StoreError.busy`, with a short backoff, up to a total wait.
    static func retryingWhileBusy<T>(timeoutMilliseconds: Int, _ body: () throws -> T) throws -> T {
        let start = ContinuousClock.now
        var delay = 2
        while true {
            do {
                return try body()
            } catch StoreError.busy {
                let waited = start.duration(to: .now).milliseconds
                guard waited < timeoutMilliseconds else { throw StoreError.busy(waitedMilliseconds: waited) }
                usleep(UInt32(delay * 1000))
                delay = min(delay * 2, 100)
            }
        }
    }

    /// Maps SQLite failures to the store's error vocabulary.
    static func map(_ error: any Error, path: String) -> StoreError {
        guard let error = error as? DatabaseError else {
            return .sqlite(code: -1, message: String(describing: error), sql: nil)
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(waitedMilliseconds: 0)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corrupt(path: path, detail: error.message ?? "damaged file")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .unavailable(path: path, detail: error.message ?? "cannot open")
        case .SQLITE_FULL:
            return .diskFull(path: path, detail: error.message ?? "database or disk is full")
        case .SQLITE_IOERR:
            // SQLite reports ENOSPC on a write as SQLITE_FULL, but on fsync, on growing the
            // shared-memory index or on a quota as an I/O error; GRDB does not expose the errno.
            if volumeIsFull(holding: path) {
                return .diskFull(path: path, detail: error.message ?? "disk I/O error")
            }
            return .unavailable(path: path, detail: error.message ?? "I/O error")
        default:
            return .sqlite(code: error.resultCode.rawValue, message: error.message ?? "", sql: error.sql)
        }
    }
}

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension SQLiteStore: WorkspaceStore {
    public var kind: StoreKind { .sqlite }

    public var displayLocation: String { path }

    public func unfencedWrite<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try write(fence: nil, body)
    }

    public func readConcurrently<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try readOnCompanion(body)
    }

    /// One host: heartbeats are files in the state folder (`Engine.beat`).
    public var heartbeats: (any HeartbeatStore)? { nil }

    /// One host: the log files in the state folder are the logs.
    public var logChunks: (any LogChunkStore)? { nil }
}
