import NIOCore
import PostgresNIO

/// A `SQLSession` over one PostgreSQL connection, for the synchronous store.
///
/// The store runs on plain threads, never on an event loop, so each statement is sent with
/// PostgresNIO's future-based `query` and the calling thread blocks on the future (`wait()`,
/// which traps if ever called on an event loop thread). That is the cheapest bridge: no task, no
/// executor hop, one condition variable; the event loop thread (`PostgresEventLoop`) only moves
/// bytes. Every statement is one extended-protocol round trip (Parse, Bind, Describe, Execute,
/// Sync pipelined), with its `?` placeholders numbered once per distinct text and cached.
/// Writes passed to `executeDeferred` are held back and sent batched, before the next statement
/// that could observe them (`PostgresDeferredWrites`).
///
/// One session serves one thread at a time, like a GRDB `Database`.
final class PostgresSession: SQLSession {
    let location: PostgresLocation
    private let connection: PostgresConnection
    /// Placeholder-numbered texts by the store's text; the store's statements are constants, so
    /// this stays small, but it is emptied if a caller builds texts without bound.
    private var translations = [String: (text: String, count: Int)]()
    private static let translationsMax = 2_000
    /// Set by `close()`.
    private var isClosedHere = false
    /// Writes not sent yet; emptied by sending, by ROLLBACK and by `close()`.
    private var deferred = PostgresDeferredWrites()
    /// The INSERT templates by statement text (nil: not one, sent as written). Constant texts only.
    private var templates = [String: PostgresInsertTemplate?]()

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
        // A ROLLBACK discards what the transaction wrote, including what was never sent.
        if sql == "ROLLBACK" { deferred.removeAll() } else { try sendDeferred() }
        let metadata = try run(sql, arguments).metadata
        if let rows = metadata.rows { return rows }
        // PostgresNIO parses INSERT, UPDATE, DELETE, SELECT, MOVE, FETCH and COPY tags; MERGE's
        // `MERGE n` comes back whole.
        if metadata.command.hasPrefix("MERGE "), let rows = metadata.command.split(separator: " ").last.flatMap({ Int($0) }) {
            return rows
        }
        return 0
    }

    func forEachRow(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        try sendDeferred(readBy: sql)
        let result = try run(sql, arguments)
        var row = SQLRow([])
        for postgresRow in result.rows {
            row.values.removeAll(keepingCapacity: true)
            for cell in postgresRow {
                row.values.append(try PostgresValueCoding.value(of: cell, sql: sql))
            }
            try body(row)
        }
    }

    /// Runs the script's statements one by one (PostgresStatementText.statements), each in its
    /// own implicit transaction unless the script or the caller opened one.
    func executeScript(_ sql: String) throws {
        try sendDeferred()
        for statement in PostgresStatementText.statements(sql) {
            _ = try send(PostgresQuery(unsafeSQL: statement), sql: statement)
        }
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
        guard !deferred.isEmpty else { return }
        let statements = deferred.take(readBy: sql)
        for statement in statements {
            var bindings = PostgresBindings(capacity: statement.arguments.count)
            for value in statement.arguments { PostgresValueCoding.bind(value, into: &bindings) }
            _ = try send(PostgresQuery(unsafeSQL: statement.text, binds: bindings), sql: statement.summary)
        }
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        let translated = translation(of: sql)
        precondition(
            translated.count == arguments.values.count,
            "statement has \(translated.count) placeholders but \(arguments.values.count) arguments: \(sql)")
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values { PostgresValueCoding.bind(value, into: &bindings) }
        return try send(PostgresQuery(unsafeSQL: translated.text, binds: bindings), sql: sql)
    }

    /// Sends one statement and blocks until its result.
    ///
    /// The query is handed over on the event loop, after checking there that the channel is
    /// still open: PostgresNIO writes a query to a closed channel without ever failing its
    /// promise, so a statement after a lost (or closed) connection would otherwise wait forever.
    /// On the loop, the check and the write cannot be separated by the close.
    private func send(_ query: PostgresQuery, sql: String) throws(StoreError) -> PostgresQueryResult {
        guard !isClosedHere else {
            throw .postgres(
                sqlState: PostgresSQLState.connectionDoesNotExist,
                message: "the connection to \(location.endpoint.description) was closed before the statement", sql: sql)
        }
        let connection = connection
        do {
            return try connection.eventLoop.flatSubmit {
                guard !connection.isClosed else {
                    return connection.eventLoop.makeFailedFuture(PostgresErrorMapping.ChannelClosed())
                }
                return connection.query(query, logger: PostgresEventLoop.logger)
            }.wait()
        } catch {
            throw PostgresErrorMapping.statementError(error, location: location, sql: sql)
        }
    }

    private func translation(of sql: String) -> (text: String, count: Int) {
        if let cached = translations[sql] { return cached }
        if translations.count >= Self.translationsMax { translations.removeAll(keepingCapacity: true) }
        let translated = PostgresStatementText.numberingPlaceholders(sql)
        translations[sql] = translated
        return translated
    }
}
