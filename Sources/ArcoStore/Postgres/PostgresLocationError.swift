/// Why a store URL was refused. Messages quote only the offending part, never the whole URL,
/// which may hold a password.
enum PostgresLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL does not start with `postgres://` or `postgresql://`.
    case badScheme(String)
    /// The port is not a number from 1 to 65535.
    case badPort(String)
    /// The schema is not a plain lower-case identifier.
    case badSchema(String)
    /// `sslmode` is not one of libpq's six values.
    case badSSLMode(String)
    /// A query parameter arco does not know (libpq refuses these too).
    case unknownParameter(String)
    /// The URL's structure is broken (an unclosed `[`, a bad percent escape); `part` names where.
    case malformed(part: String)

    var description: String {
        switch self {
        case .badScheme(let scheme):
            return "the store URL's scheme '\(scheme)' is not postgres:// or postgresql://"
        case .badPort(let port):
            return "the store URL's port '\(port)' is not a number from 1 to 65535"
        case .badSchema(let schema):
            return "the schema name '\(schema)' is not a plain identifier (a-z, 0-9 and _, not starting with a digit, at most 63 bytes)"
        case .badSSLMode(let mode):
            let modes = PostgresLocation.SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            return "sslmode '\(mode)' is not one of \(modes)"
        case .unknownParameter(let name):
            return "the store URL's parameter '\(name)' is unknown (known: \(PostgresLocation.queryParameters.joined(separator: ", ")))"
        case .malformed(let part):
            return "the store URL's \(part) is malformed"
        }
    }
}
