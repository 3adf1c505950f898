import NIOCore
import PostgresNIO

/// One statement ready to start on the event loop.
struct PostgresPendingStatement {
    /// The store's text, for errors.
    var sql: String
    /// Starts the statement on the connection; called on the event loop.
    var start: @Sendable (PostgresConnection) -> EventLoopFuture<PostgresStatementOutcome>
}

/// What a statement returned: its rows, its command tag when it ran unnamed, and the named
/// statement it prepared on the way, if it did.
struct PostgresStatementOutcome: Sendable {
    var rows: [PostgresRow]
    var metadata: PostgresQueryMetadata?
    var prepared: (key: String, handle: PreparedQuery)?
}

extension PostgresSession {
    /// Sends the queued statements and `statements` in one hand-over to the event loop, which
    /// starts each when the one before it has finished, and waits once for all of them.
    ///
    /// PostgresNIO runs one statement at a time on a connection, so the server still sees them
    /// one by one; what a pipeline saves is the caller's own round trip between them (a wake-up
    /// of the event loop and one of the caller, 20–40 µs each on this machine), which is what a
    /// BEGIN, the lock and a transaction's COMMIT would each cost. Every statement runs even if
    /// one before it failed (the server then refuses those in the aborted transaction); the
    /// first failure is the one thrown.
    /// - Returns: The last statement's outcome (an empty one when there were none).
    func pipeline(_ statements: [PostgresPendingStatement]) throws(StoreError) -> PostgresStatementOutcome {
        let all = queued + statements
        queued.removeAll()
        guard !isClosedHere else {
            throw .postgres(
                sqlState: PostgresSQLState.connectionDoesNotExist,
                message: "the connection to \(location.endpoint.description) was closed before the statement",
                sql: all.last?.sql ?? "")
        }
        guard !all.isEmpty else { return PostgresStatementOutcome(rows: []) }
        let connection = connection
        let starts = all.map(\.start)
        let wait = PostgresResultWait<[Result<PostgresStatementOutcome, any Error>]>()
        connection.eventLoop.execute {
            // Checked on the loop, where the close cannot come between the check and the write:
            // PostgresNIO writes to a closed channel without ever failing the promise.
            guard !connection.isClosed else {
                wait.complete(.success(starts.map { _ in .failure(PostgresErrorMapping.ChannelClosed()) }))
                return
            }
            // Each starts when the one before it has finished, not all at once: a statement
            // prepared on the way is a prepare and then an execute, and the execute must not
            // fall behind the statements after it.
            var chain = connection.eventLoop.makeSucceededFuture([Result<PostgresStatementOutcome, any Error>]())
            for start in starts {
                chain = chain.flatMap { results in
                    start(connection).map { Result.success($0) }.recover { Result.failure($0) }.map { results + [$0] }
                }
            }
            chain.whenComplete { wait.complete($0) }
        }
        let results: [Result<PostgresStatementOutcome, any Error>]
        do {
            results = try wait.value()
        } catch {
            throw PostgresErrorMapping.statementError(error, location: location, sql: all.last?.sql ?? "")
        }
        var last = PostgresStatementOutcome(rows: [])
        var failure: StoreError?
        for (statement, result) in zip(all, results) {
            switch result {
            case .success(let outcome):
                if let made = outcome.prepared { prepared.record(made.handle, for: made.key) }
                last = outcome
            case .failure(var error):
                if let made = error as? PreparedButFailed {
                    prepared.record(made.handle, for: made.key)
                    error = made.underlying
                }
                if failure == nil { failure = PostgresErrorMapping.statementError(error, location: location, sql: statement.sql) }
            }
        }
        if let failure { throw failure }
        return last
    }

    /// The numbered `text` as a statement whose rows are wanted: this connection's named
    /// statement when one was prepared for these argument types, prepared on the way on its
    /// second use (`PostgresPreparedStatements`), unnamed otherwise.
    func statement(_ text: String, _ values: [SQLValue], sql: String) -> PostgresPendingStatement {
        let key = PostgresPreparedStatements.key(text, arguments: values)
        let data = { values.map(PostgresValueCoding.data(of:)) }
        if let handle = prepared.handle(for: key) {
            let bound = data()
            return PostgresPendingStatement(sql: sql) { _ in
                handle.execute(bound).map { PostgresStatementOutcome(rows: $0) }
            }
        }
        guard prepared.shouldPrepare(key) else { return unnamed(text, values, sql: sql) }
        let cast = PostgresStatementText.castingPlaceholders(text, types: values.map(PostgresValueCoding.parameterType(of:)))
        let bound = data()
        return PostgresPendingStatement(sql: sql) { connection in
            connection.prepare(query: cast).flatMap { handle in
                handle.execute(bound).map { PostgresStatementOutcome(rows: $0, prepared: (key, handle)) }
                    .flatMapErrorThrowing { throw PreparedButFailed(key: key, handle: handle, underlying: $0) }
            }
        }
    }

    /// An execution that failed after its statement was prepared: the statement exists on the
    /// server all the same, and is kept for the next use.
    struct PreparedButFailed: Error {
        var key: String
        var handle: PreparedQuery
        var underlying: any Error
    }

    /// The numbered `text` as an unnamed statement, with its command tag (row counts).
    func unnamed(_ text: String, _ values: [SQLValue], sql: String) -> PostgresPendingStatement {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { PostgresValueCoding.bind(value, into: &bindings) }
        let query = PostgresQuery(unsafeSQL: text, binds: bindings)
        return PostgresPendingStatement(sql: sql) { connection in
            connection.query(query, logger: PostgresEventLoop.logger).map {
                PostgresStatementOutcome(rows: $0.rows, metadata: $0.metadata)
            }
        }
    }
}
