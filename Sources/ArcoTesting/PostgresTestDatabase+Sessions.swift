extension PostgresTestDatabase {
    /// Ends every session an application has open on this database, as an operator's
    /// `pg_terminate_backend` or a server restart would: the clients see their connection closed
    /// under them. Only this database's sessions are touched, so suites sharing the cluster go on.
    /// - Parameter applicationName: the sessions' `application_name` (`arco` for the store).
    public func terminateSessions(applicationName: String = "arco") throws {
        try cluster.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND application_name = '\(applicationName)'")
    }
}

extension PostgresTestCluster {
    /// A TCP port on 127.0.0.1 that nothing listens on at this moment: a server that is down.
    public static func closedPort() throws -> Int {
        try freePort()
    }
}
