import ArcoStore
import ArcoTesting

/// A PostgreSQL store in a fresh database of the throwaway test cluster: what `TemporaryStore`
/// is for SQLite. The cluster is deleted with the test process, so nothing is dropped here.
final class TemporaryPostgresStore {
    let database: PostgresTestDatabase
    let store: PostgresStore

    /// Creates a database named after `name` and opens (creates and migrates) the store in it.
    /// - Throws: when the cluster cannot start: the test fails with the reason, never skips.
    init(name: String = "store") throws {
        database = try PostgresTestCluster.shared().createDatabase(name: name)
        store = try PostgresStore(url: database.socketURL)
    }

    /// Another instance of the same store, with a connection of its own, as another process
    /// would open it.
    func open(_ options: PostgresStore.Options = PostgresStore.Options()) throws -> PostgresStore {
        try PostgresStore(url: database.socketURL, options: options)
    }
}
