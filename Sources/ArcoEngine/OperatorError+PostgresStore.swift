import ArcoCore
import ArcoStore

extension OperatorError {
    /// The failures whose message or exit code differs on a PostgreSQL store: the server cannot be
    /// reached or refuses the user (69), or the connection broke during a command (75: what was
    /// not committed was rolled back by the server, and every write is keyed, so running the
    /// command again completes it once). Nil for everything the stores share.
    static func postgresStoreError(_ error: StoreError, store: StoreSelection) -> OperatorError? {
        let name = store.displayName
        switch error {
        case .unavailable(_, let detail):
            // Still 69 for a command: a started run's executor waits it out instead, since a
            // server that went away while steps ran comes back (docs/postgres.md).
            var unavailable = OperatorError(
                .unavailable, "cannot open the PostgreSQL store '\(name)': \(detail)",
                hint: "check that the server is up and the URL is right, e.g. with `psql '\(name)' -c 'select 1'`")
            unavailable.storeCondition = .unreachable
            return unavailable
        case .postgres(_, let message, _) where error.isConnectionLost:
            var lost = OperatorError(
                .tempFail, "lost the connection to the PostgreSQL store '\(name)': \(message)",
                hint: "run the command again once the server is back: whatever was not committed was rolled back, and the command completes once")
            lost.storeCondition = .unreachable
            return lost
        case .postgres(let sqlState, let message, _):
            return OperatorError(
                .ioError, "PostgreSQL error \(sqlState) on the store '\(name)': \(message)",
                hint: "run `arco doctor` to check the store")
        case .busy(let waited):
            var busy = OperatorError(
                .tempFail, "the PostgreSQL store '\(name)' is busy: another arco process held its write lock for \(waited) ms",
                hint: "retry the command; raise the wait with `ARCO_BUSY_TIMEOUT_MS=60000 arco …`")
            busy.storeCondition = .busy
            return busy
        default:
            return nil
        }
    }
}
