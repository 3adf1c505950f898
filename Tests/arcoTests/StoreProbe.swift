import ArcoCore
import ArcoStore

/// Reads projections the CLI does not print (run-key conflicts), straight from a workspace's store.
enum StoreProbe {
    static func conflicts(_ workspace: String, key: String) throws -> Int {
        let store = try SQLiteStore(path: workspace + "/.arco/arco.db", options: SQLiteStore.Options())
        return try store.read { try $0.runKeyConflicts(RunKey(key)).count }
    }
}
