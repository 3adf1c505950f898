import GRDB

extension SQLiteStore {
    /// The schema as SQL, one statement per line in a stable order, for the golden-file test.
    public func schemaDump() throws -> String {
        try readDatabase { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
                    ORDER BY type DESC, name
                    """)
            return rows.map { ($0[0] as String) + ";\n" }.joined()
        }
    }
}
