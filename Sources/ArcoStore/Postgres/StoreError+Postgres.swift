extension StoreError {
    /// The connection to a PostgreSQL store broke during a statement (SQLSTATE class 08). When it
    /// broke during a COMMIT, whether the transaction committed is unknown: the caller must not
    /// assume it did not.
    public var isConnectionLost: Bool {
        guard case .postgres(let sqlState, _, _) = self else { return false }
        return sqlState.hasPrefix(PostgresSQLState.connectionExceptionClass)
    }

    /// A PostgreSQL unique constraint refused a row (SQLSTATE 23505).
    public var isUniqueViolation: Bool {
        guard case .postgres(let sqlState, _, _) = self else { return false }
        return sqlState == PostgresSQLState.uniqueViolation
    }
}
