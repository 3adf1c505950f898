import ArcoCore
import Foundation

/// The workspace store in a PostgreSQL schema, shared by every host that runs arco against it.
///
/// Same contract as `SQLiteStore` (docs/adr/0023-postgres-store.md): a write transaction takes a
/// transaction-scoped advisory lock first, so writers run one at a time and each sees every commit
/// before it, as `BEGIN IMMEDIATE` gives on SQLite; a read is one `REPEATABLE READ` snapshot. The
/// statements inside are the same `SQLSession` statements SQLite runs.
///
/// One connection serves the process, used by one thread at a time like SQLite's queue. A
/// connection that broke is replaced on the next transaction, so a long-lived worker or daemon
/// survives a server restart.
public final class PostgresStore: @unchecked Sendable {
    /// How a store is opened.
    public struct Options: Sendable {
        /// How long a writer waits for the append lock in total before giving up (`busy`, exit 75).
        public var busyTimeoutMilliseconds: Int
        /// Checked inside every write transaction when set: the daemon's writes (ADR 0022).
        public var fence: LeaseFence?
        /// How long opening a connection may take.
        public var connectTimeout: Duration

        /// Creates options.
        public init(
            busyTimeoutMilliseconds: Int = Limits.busyTimeoutMillisecondsDefault, fence: LeaseFence? = nil,
            connectTimeout: Duration = .seconds(5)
        ) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.fence = fence
            self.connectTimeout = connectTimeout
        }
    }

    let location: PostgresLocation
    let options: Options
    /// The advisory lock every write transaction takes: one per schema, so two workspaces in one
    /// database do not wait for each other.
    let appendLock: Int64
    // Recursive: a read inside a write transaction (a heartbeat judged under the write lock)
    // runs on the same connection, within that transaction, on the same thread.
    private let lock = NSRecursiveLock()
    private var connection: PostgresSession?

    /// Opens the store at `url`, creating and migrating its schema on first use.
    /// - Throws: `StoreError.unavailable` when the URL is malformed or the server cannot be reached
    ///   (never echoing a password).
    public init(url: String, options: Options = Options()) throws {
        do {
            location = try PostgresLocation(parsing: url)
        } catch {
            throw StoreError.unavailable(path: StoreSelection.redacted(url), detail: error.description)
        }
        self.options = options
        appendLock = Self.lockKey("arco-append:" + location.schema)
        try migrate()
    }

    /// The store as messages name it: the URL without its password.
    public var displayLocation: String { location.redacted }

    /// The schema the tables live in.
    public var schema: String { location.schema }

    // MARK: - Transactions

    /// Runs `body` in one write transaction holding the append lock, retrying while busy.
    /// `body` may run more than once, so it must not have effects outside the transaction.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try write(fence: options.fence, body)
    }

    /// `write` with an explicit fence; lease operations pass nil.
    func write<T>(fence: LeaseFence?, _ body: (StoreTransaction) throws -> T) throws -> T {
        try withBusyRetry {
            try transaction(begin: "BEGIN", locked: true) { session in
                try fence?.check(session)
                return try body(StoreTransaction(session: session))
            }
        }
    }

    /// Runs `body` in a read-only snapshot.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try withBusyRetry {
            try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", locked: false) { session in
                try body(StoreReader(session: session))
            }
        }
    }

    /// Runs `body` between `begin` and COMMIT on the process's connection, rolling back on any
    /// error; with `locked`, the append lock is taken first.
    func transaction<T>(begin: String, locked: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
        try withConnection { session in
            // BEGIN and the lock go out with the transaction's first statement, in one pipeline.
            session.enqueue(begin)
            do {
                if locked { try takeAppendLock(session) }
                let result = try body(session)
                try session.execute("COMMIT")
                return result
            } catch {
                // After a lost connection there is nothing to roll back: the server already did.
                if !((error as? StoreError)?.isConnectionLost ?? false) { _ = try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Waits for the append lock; `lock_timeout` (set per connection) bounds one wait, and the
    /// busy retry around the transaction bounds them all.
    /// Sent with the next statement (`PostgresSession.enqueue`), which the server runs only
    /// once the lock is granted, on a fresh snapshot.
    func takeAppendLock(_ session: PostgresSession) throws {
        session.enqueue("SELECT 1 FROM pg_advisory_xact_lock(?)", [appendLock])
    }

    /// Tries the append lock without waiting; false when another writer holds it.
    func tryAppendLock(_ session: PostgresSession) throws -> Bool {
        try session.value("SELECT pg_try_advisory_xact_lock(?)::int", [appendLock], as: Int64.self) == 1
    }

    /// Runs `body` with the process's connection, opening one when there is none or the last
    /// one broke.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let session = try connection ?? openConnection()
        connection = session
        do {
            return try body(session)
        } catch let error as StoreError where error.isConnectionLost {
            connection = nil
            throw error
        }
    }

    /// A new connection with the store's schema first on the search path and lock waits bounded.
    func openConnection() throws -> PostgresSession {
        let session = try PostgresSession.connect(to: location, timeout: options.connectTimeout)
        try session.setSearchPath(to: location.schema)
        let slice = min(options.busyTimeoutMilliseconds, Limits.busyWaitSliceMillisecondsMax)
        try session.execute("SET lock_timeout = \(max(1, slice))")
        return session
    }

    /// Retries `body` while the store is busy, up to the configured total wait.
    func withBusyRetry<T>(_ body: () throws -> T) throws -> T {
        try SQLiteStore.retryingWhileBusy(timeoutMilliseconds: options.busyTimeoutMilliseconds, body)
    }

    /// A stable 64-bit key for an advisory lock (FNV-1a): the same on every host and build.
    static func lockKey(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
