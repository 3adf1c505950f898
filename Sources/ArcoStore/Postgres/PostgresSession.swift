import NIOCore
import PostgresNIO

/// A `SQLSession` over one PostgreSQL connection, for the synchronous store.
///
/// The store runs on plain threads, never on an event loop, so each statement is sent with
/// PostgresNIO's future-based `query` and the calling thread waits for the result
/// (`PostgresResultWait`: a short poll, then a semaphore). That is the cheapest bridge: no task,
/// no executor hop; the event loop thread (`PostgresEventLoop`) only moves bytes. Every statement is one extended-protocol round trip (Parse, Bind, Describe, Execute,
/// Sync pipelined), with its `?` placeholders numbered once per distinct text and cached.
/// Writes passed to `executeDeferred` are held back and sent batched, before the next statement
/// that could observe them (`PostgresDeferredWrites`).
///
/// One session serves one thread at a time, like a GRDB `Database`.
final class PostgresSession: SQLSession {
    let location: PostgresLocation
    let connection: PostgresConnection
    /// Placeholder-numbered texts by the store's text; the store's statements are constants, so
    /// this stays small, but it is emptied if a caller builds texts without bound.
    private var translations = [String: (text: String, count: Int)]()
    private static let translationsMax = 2_000
    /// Set by `close()`.
    private(set) var isClosedHere = false
    /// Writes not sent yet; emptied by sending, by ROLLBACK and by `close()`.
    var deferred = PostgresDeferredWrites()
    /// The INSERT templates by statement text (nil: not one, sent as written). Constant texts only.
    private var templates = [String: PostgresInsertTemplate?]()
    /// The statements prepared on this connection, by their numbered text and argument types.
    var prepared = PostgresPreparedStatements()
    /// Statements whose outcome nobody waits for (BEGIN, the append lock), sent ahead of the
    /// next statement in the same pipeline (`enqueue`).
    var queued = [PostgresPendingStatement]()

    var dialect: SQLDialect { .postgres }

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    deinit {
        // Waited on: PostgresNIO asserts that a connection is closed before it is released, and
        // a session is only ever released on a caller thread, never on the event loop.
        close()
    }

    /// Opens a connection, failing with `StoreError.unavailable` (naming the host and port or the
    /// socket file, never the password) when the server cannot be reached in `timeout` or refuses
    /// the user.
    static func connect(to location: PostgresLocation, timeout: Duration = .seconds(5)) throws(StoreError) -> PostgresSession {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try makeConfiguration(location, timeout: timeout)
        } catch {
            throw .unavailable(path: location.redacted, detail: "cannot set up TLS: \(error)")
        }
        do {
            let connection = try PostgresConnection.connect(
                on: PostgresEventLoop.group.next(), configuration: configuration, id: 0, logger: PostgresEventLoop.logger
            ).wait()
            return PostgresSession(location: location, connection: connection)
        } catch {
            throw PostgresErrorMapping.connectError(error, location: location, timeout: timeout)
        }
    }

    private static func makeConfiguration(_ location: PostgresLocation, timeout: Duration) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: location.user, password: location.password, database: location.database,
                tls: try PostgresTLS.configuration(for: location.sslMode))
        case .socket:
            configuration = .init(
                unixSocketPath: location.endpoint.socketPath ?? "", username: location.user, password: location.password,
                database: location.database)
        }
        let (seconds, attoseconds) = timeout.components
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        configuration.options.additionalStartupParameters = [("application_name", "arco")]
        return configuration
    }

    /// Closes the connection and waits until the socket is closed; statements after it fail
    /// with SQLSTATE 08003.
    func close() {
        guard !isClosedHere else { return }
        isClosedHere = true
        deferred.removeAll()
        prepared.removeAll()
        queued.removeAll()
        let closed: EventLoopFuture<Void> = connection.close()
        try? closed.wait()
    }

    /// Makes unqualified table names resolve in `schema` (which the store creates; a missing
    /// schema is not an error here, PostgreSQL then finds no tables).
    func setSearchPath(to schema: String) throws {
        precondition(PostgresLocation.isPlainIdentifier(schema), "schema '\(schema)' is not a plain identifier")
        try execute("SET search_path TO \(schema)")
    }

    // MARK: - SQLSession

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        // A ROLLBACK discards what the transaction wrote, including what was never sent. Any
        // other statement goes after the writes before it, in the same pipeline: a COMMIT and
        // the transaction's batched writes reach the server in one hand-over.
        if sql == "ROLLBACK" {
            deferred.removeAll()
            // Queued statements are a BEGIN and the lock: rolling back, they no longer matter,
            // and when the BEGIN itself never left, the server has nothing to roll back.
            let neverBegun = queued.first?.sql.hasPrefix("BEGIN") == true
            queued.removeAll()
            if neverBegun { return 0 }
        }
        let writes = sql == "ROLLBACK" ? [] : deferredStatements()
        let translated = checkedTranslation(of: sql, arguments)
        let outcome = try pipeline(writes + [unnamed(translated.text, arguments.values, sql: sql)])
        guard let metadata = outcome.metadata else { return 0 }
        if let rows = metadata.rows { return rows }
        // PostgresNIO parses INSERT, UPDATE, DELETE, SELECT, MOVE, FETCH and COPY tags; MERGE's
        // `MERGE n` comes back whole.
        if metadata.command.hasPrefix("MERGE "), let rows = metadata.command.split(separator: " ").last.flatMap({ Int($0) }) {
            return rows
        }
        return 0
    }

    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let writes = deferredStatements(readBy: sql)
        let translated = checkedTranslation(of: sql, arguments)
        let outcome = try pipeline(writes + [statement(translated.text, arguments.values, sql: sql)])
        var row = SQLRow([])
        for postgresRow in outcome.rows {
            row.values.removeAll(keepingCapacity: true)
            for cell in postgresRow {
                row.values.append(try PostgresValueCoding.value(of: cell, sql: sql))
            }
            try body(row)
        }
    }

    /// Sends `sql` ahead of the next statement that is waited for, in the same pipeline, without
    /// waiting for it: for BEGIN and the append lock, whose outcome matters only if it is an
    /// error (then that error is the one thrown). The server runs them in order, so a read sent
    /// after the lock sees every commit made before the lock was granted.
    func enqueue(_ sql: String, _ arguments: SQLArguments = []) {
        let translated = checkedTranslation(of: sql, arguments)
        queued.append(statement(translated.text, arguments.values, sql: sql))
    }

    /// Runs the script's statements one by one (PostgresStatementText.statements), each in its
    /// own implicit transaction unless the script or the caller opened one.
    func executeScript(_ sql: String) throws {
        var first = deferredStatements()
        for text in PostgresStatementText.statements(sql) {
            _ = try pipeline(first + [unnamed(text, [], sql: text)])
            first = []
        }
        if !first.isEmpty { _ = try pipeline(first) }
    }

    func executeDeferred(_ sql: String, _ arguments: SQLArguments) throws {
        let template: PostgresInsertTemplate?
        if let cached = templates[sql] {
            template = cached
        } else {
            if templates.count >= Self.translationsMax { templates.removeAll(keepingCapacity: true) }
            template = PostgresInsertTemplate(sql)
            templates[sql] = .some(template)
        }
        guard let template else {
            try execute(sql, arguments)
            return
        }
        deferred.append(template, arguments.values)
    }

    // MARK: - Sending

    /// Sends the deferred writes (only those to tables `sql` reads, when given), taking them off
    /// the queue first. After a failure the transaction is aborted on the server; what is left
    /// is dropped by the ROLLBACK that follows.
    func sendDeferred(readBy sql: String? = nil) throws(StoreError) {
        let writes = deferredStatements(readBy: sql)
        guard !writes.isEmpty || !queued.isEmpty else { return }
        _ = try pipeline(writes)
    }

    /// The deferred writes `sql` must see (all, without `sql`), taken off the queue as
    /// statements to send.
    private func deferredStatements(readBy sql: String? = nil) -> [PostgresPendingStatement] {
        guard !deferred.isEmpty else { return [] }
        return deferred.take(readBy: sql).map { statement($0.text, $0.arguments, sql: $0.summary) }
    }

    private func checkedTranslation(of sql: String, _ arguments: SQLArguments) -> (text: String, count: Int) {
        let translated = translation(of: sql)
        precondition(
            translated.count == arguments.values.count,
            "statement has \(translated.count) placeholders but \(arguments.values.count) arguments: \(sql)")
        return translated
    }

    private func translation(of sql: String) -> (text: String, count: Int) {
        if let cached = translations[sql] { return cached }
        if translations.count >= Self.translationsMax { translations.removeAll(keepingCapacity: true) }
        let translated = PostgresStatementText.numberingPlaceholders(sql)
        translations[sql] = translated
        return translated
    }
}
