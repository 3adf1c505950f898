import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Maps what PostgresNIO throws to the store's vocabulary, in one place.
///
/// PSQLError's own description is a fixed "generic" text (it hides server details on purpose),
/// so every message here is composed from the error's code and SQLSTATE. None holds the password
/// or a bound value: locations appear only as `redacted`, statements only as their text.
enum PostgresErrorMapping {
    /// A failure to open the connection: always `.unavailable`, naming what was tried.
    static func connectError(_ error: any Error, location: PostgresLocation, timeout: Duration) -> StoreError {
        let endpoint = location.endpoint.description
        let detail: String
        if let error = error as? PSQLError {
            detail = connectDetail(error, location: location, timeout: timeout)
        } else {
            detail = "cannot connect to \(endpoint): \(reason(error, timeout: timeout))"
        }
        return .unavailable(path: location.redacted, detail: detail)
    }

    private static func connectDetail(_ error: PSQLError, location: PostgresLocation, timeout: Duration) -> String {
        let endpoint = location.endpoint.description
        if let sqlState = error.serverInfo?[.sqlState] {
            switch sqlState {
            case PostgresSQLState.invalidPassword, PostgresSQLState.invalidAuthorizationSpecification:
                return "authentication failed for user '\(location.user)' at \(endpoint) (SQLSTATE \(sqlState))"
            case PostgresSQLState.invalidCatalogName:
                return "the database '\(location.database)' does not exist at \(endpoint)"
            default:
                let message = error.serverInfo?[.message] ?? "no message"
                return "the server at \(endpoint) refused the connection: \(message) (SQLSTATE \(sqlState))"
            }
        }
        switch error.code {
        case .sslUnsupported:
            return "the server at \(endpoint) does not offer TLS, which sslmode=\(location.sslMode.rawValue) requires"
        case .authMechanismRequiresPassword:
            return "the server at \(endpoint) asks for a password for user '\(location.user)' and none was given (put it in the URL or set PGPASSWORD)"
        case .saslError:
            return "authentication failed for user '\(location.user)' at \(endpoint) (the SCRAM exchange failed)"
        case .unsupportedAuthMechanism:
            return "the server at \(endpoint) asks user '\(location.user)' for an authentication method arco does not support"
        case .connectionError:
            return "cannot connect to \(endpoint): \(reason(error.underlying, timeout: timeout))"
        case .serverClosedConnection, .uncleanShutdown:
            return "the server at \(endpoint) closed the connection during start-up" + (error.underlying.map { ": \(reason($0, timeout: timeout))" } ?? "")
        case .failedToAddSSLHandler:
            return "cannot start TLS with \(endpoint): \(reason(error.underlying, timeout: timeout))"
        default:
            return "cannot connect to \(endpoint): \(error.code)"
        }
    }

    /// Why a socket-level connect failed, in words: "connection refused", "no answer within 5 s".
    static func reason(_ error: (any Error)?, timeout: Duration) -> String {
        switch error {
        case nil:
            return "unknown error"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case let error as ChannelError:
            if case .connectTimeout = error { return "no answer within \(timeout.milliseconds) ms" }
            return "\(error)"
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(first.error, timeout: timeout) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve host '\(error.host)'" }
            return "no address to connect to"
        case let error as NIOSSLError:
            return "TLS failed: \(error)"
        case let error as BoringSSLError:
            return "TLS failed: \(error)"
        case let error as PSQLError:
            return reason(error.underlying, timeout: timeout) == "unknown error" ? "\(error.code)" : reason(error.underlying, timeout: timeout)
        case let error?:
            return "\(error)"
        }
    }

    /// The channel was found closed when a statement was about to be sent.
    struct ChannelClosed: Error {}

    /// A failure while running a statement on an open connection.
    static func statementError(_ error: any Error, location: PostgresLocation, sql: String) -> StoreError {
        if error is ChannelClosed { return connectionLost(location: location, sql: sql, reason: "the connection was already closed") }
        // Named statements report through PostgresNIO's older error type.
        if let error = error as? PostgresError { return legacyStatementError(error, location: location, sql: sql) }
        guard let error = error as? PSQLError else {
            // A socket failure reaches a named statement as the bare I/O error: PostgresNIO's
            // older interface unwraps its `connectionError`.
            if error is ChannelError || error is IOError { return connectionLost(location: location, sql: sql, reason: "\(error)") }
            return .postgres(sqlState: PostgresSQLState.internalError, message: "\(error)", sql: sql)
        }
        if let sqlState = error.serverInfo?[.sqlState] {
            return serverError(sqlState: sqlState, message: error.serverInfo?[.message], location: location, sql: sql)
        }
        switch error.code {
        case .serverClosedConnection, .uncleanShutdown, .connectionError:
            return connectionLost(location: location, sql: sql, reason: "\(error.code)")
        case .clientClosedConnection:
            return .postgres(
                sqlState: PostgresSQLState.connectionDoesNotExist,
                message: "the connection to \(location.endpoint.description) was closed before the statement", sql: sql)
        default:
            return .postgres(sqlState: PostgresSQLState.internalError, message: "\(error.code)", sql: sql)
        }
    }

    /// `statementError` for the errors of PostgresNIO's older interface (`PreparedQuery`), which
    /// converts server errors to their fields and a closed connection to a case of its own.
    private static func legacyStatementError(_ error: PostgresError, location: PostgresLocation, sql: String) -> StoreError {
        switch error {
        case .server(let server):
            return serverError(
                sqlState: server.fields[.sqlState] ?? PostgresSQLState.internalError, message: server.fields[.message],
                location: location, sql: sql)
        case .connectionClosed:
            return connectionLost(location: location, sql: sql, reason: "the connection was closed")
        case .protocol(let detail):
            // A broken message or an unexpected close: the connection cannot be trusted further.
            return connectionLost(location: location, sql: sql, reason: detail)
        }
    }

    /// An error the server raised: busy when retrying may succeed, a lost connection when the
    /// server ended the session, the SQLSTATE and message otherwise.
    private static func serverError(sqlState: String, message: String?, location: PostgresLocation, sql: String) -> StoreError {
        if PostgresSQLState.retryable.contains(sqlState) { return .busy(waitedMilliseconds: 0) }
        let message = message ?? "no message"
        if PostgresSQLState.sessionEnding.contains(sqlState) {
            return connectionLost(location: location, sql: sql, reason: "the server ended the session: \(message) (SQLSTATE \(sqlState))")
        }
        return .postgres(sqlState: sqlState, message: message, sql: sql)
    }

    /// The connection broke under a statement: SQLSTATE 08006, whose outcome is unknown when the
    /// statement was a COMMIT.
    static func connectionLost(location: PostgresLocation, sql: String, reason: String) -> StoreError {
        .postgres(
            sqlState: PostgresSQLState.connectionFailure,
            message: "the connection to \(location.endpoint.description) was lost during a statement (\(reason))", sql: sql)
    }
}
