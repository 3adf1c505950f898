extension PostgresStore {
    /// Creates the schema and applies the migrations it lacks; one read when nothing is missing.
    ///
    /// Everything happens in one transaction under a lock of its own (not the append lock, which
    /// does not exist in a meaning for a schema not yet created), so processes opening a new
    /// store at the same moment apply each migration once, and a failure leaves no half schema.
    func migrate() throws {
        let applied = try withConnection { try Self.applied($0, schema: location.schema) }
        try Self.checkKnown(applied)
        guard applied.count < PostgresMigrations.all.count else { return }
        try withBusyRetry {
            try withConnection { session in
                try session.execute("BEGIN")
                do {
                    _ = try session.row("SELECT 1 FROM pg_advisory_xact_lock(?)", [Self.lockKey("arco-migrate:" + location.schema)])
                    try session.execute("CREATE SCHEMA IF NOT EXISTS \(location.schema)")
                    try session.execute(Self.createBookkeeping)
                    let done = Set(try Self.applied(session, schema: location.schema))
                    for migration in PostgresMigrations.all where !done.contains(migration.name) {
                        try session.executeScript(migration.sql)
                        try session.execute("INSERT INTO schema_migrations (name) VALUES (?)", [migration.name])
                    }
                    try session.execute("COMMIT")
                } catch {
                    if !((error as? StoreError)?.isConnectionLost ?? false) { _ = try? session.execute("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    static let createBookkeeping = "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT COLLATE \"C\" PRIMARY KEY NOT NULL)"

    /// The migrations recorded in the schema, in order; none when the schema or its bookkeeping
    /// table does not exist yet.
    static func applied(_ session: PostgresSession, schema: String) throws -> [String] {
        let exists = try session.value(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'schema_migrations'",
            [schema], as: Int64.self) ?? 0
        guard exists > 0 else { return [] }
        return try session.column("SELECT name FROM schema_migrations ORDER BY name", as: String.self)
    }

    /// A schema migrated by a newer arco is refused, as SQLite's is.
    static func checkKnown(_ applied: [String]) throws {
        let unknown = Set(applied).subtracting(PostgresMigrations.names)
        guard unknown.isEmpty else { throw StoreError.newerSchema(unknown: unknown.sorted()) }
    }

    /// The migrations this build knows that the schema lacks.
    func pendingMigrations() throws -> [String] {
        let applied = Set(try withConnection { try Self.applied($0, schema: location.schema) })
        return PostgresMigrations.names.filter { !applied.contains($0) }
    }
}
