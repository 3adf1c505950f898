/// A passing state of the store that an operator error was caused by, for callers that would
/// rather wait it out than fail: a started run's executor does (docs/adr/0009, 0016).
public enum StoreCondition: Sendable, Equatable {
    /// Another process holds the write lock; it ends when that process commits.
    case busy
    /// The disk holding the store has no space left; it ends when someone frees space.
    case diskFull
    /// The server of a shared store (PostgreSQL) cannot be reached, or dropped the connection
    /// during a statement; it ends when the server is back (a restart, a failover).
    case unreachable
    /// A daemon's lease token is no longer the store's: another daemon leads now, and this one
    /// must drop back to standby (docs/adr/0022-daemon.md). It does not pass by waiting.
    case fenced(mine: Int64?, current: Int64?)
}
