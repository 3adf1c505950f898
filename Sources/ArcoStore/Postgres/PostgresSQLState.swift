/// The SQLSTATE codes the PostgreSQL session and store act on (PostgreSQL's Appendix A).
enum PostgresSQLState {
    /// Class 08, connection exception: the whole class means the connection is gone.
    static let connectionExceptionClass = "08"
    /// The connection was closed by this process before the statement.
    static let connectionDoesNotExist = "08003"
    /// The connection broke (the server went away, the network dropped) during the statement.
    static let connectionFailure = "08006"
    static let uniqueViolation = "23505"
    static let invalidAuthorizationSpecification = "28000"
    static let invalidPassword = "28P01"
    static let invalidCatalogName = "3D000"
    static let serializationFailure = "40001"
    static let deadlockDetected = "40P01"
    static let tooManyConnections = "53300"
    /// `lock_timeout` expired (or NOWAIT found the row locked).
    static let lockNotAvailable = "55P03"
    /// Operator intervention: the server was shut down or the backend terminated.
    static let adminShutdown = "57P01"
    static let crashShutdown = "57P02"
    static let cannotConnectNow = "57P03"
    /// A column type arco's four storage classes do not cover (feature_not_supported).
    static let featureNotSupported = "0A000"
    /// A client-side failure with no server code (internal_error).
    static let internalError = "XX000"

    /// Codes after which retrying the whole transaction is safe and likely to succeed: the
    /// store's `.busy`.
    static let retryable: Set<String> = [serializationFailure, deadlockDetected, lockNotAvailable]
    /// Codes with which the server ends the session.
    static let sessionEnding: Set<String> = [adminShutdown, crashShutdown]
}
