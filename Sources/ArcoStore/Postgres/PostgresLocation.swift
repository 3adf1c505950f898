import Foundation

/// Where a PostgreSQL store lives and how to reach it, read from a store URL
/// (`postgres://user[:password]@host[:port]/db?sslmode=…&schema=…`).
///
/// The URL is libpq's, so operators can reuse the one they give `psql`; arco adds only the
/// `schema` parameter, because one database may hold several arco stores side by side. Every
/// message that names a store uses `redacted`, which never holds the password.
struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection reaches the server.
    enum Endpoint: Sendable, Equatable {
        /// TCP to a host name or address.
        case tcp(host: String, port: Int)
        /// The Unix socket `.s.PGSQL.PORT` in `directory`, as libpq names it: the server's
        /// `unix_socket_directories` and `port` together choose the file.
        case socket(directory: String, port: Int)

        var port: Int {
            switch self {
            case .tcp(_, let port), .socket(_, let port): port
            }
        }

        /// The socket file's path, for Unix-socket endpoints.
        var socketPath: String? {
            guard case .socket(let directory, let port) = self else { return nil }
            let trimmed = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
            return "\(trimmed)/.s.PGSQL.\(port)"
        }

        /// What messages name: `host:port`, `[v6]:port` or the socket file.
        var description: String {
            switch self {
            case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            case .socket: socketPath ?? ""
            }
        }
    }

    /// libpq's `sslmode` values. `allow` is treated as `prefer` (TLS first, then plain), which
    /// is at least as safe; `verify-ca` and `verify-full` check against the system's trust roots,
    /// since `sslrootcert` and client certificates are not supported yet.
    enum SSLMode: String, Sendable, CaseIterable {
        case disable
        case allow
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var endpoint: Endpoint
    var user: String
    /// From the URL or `PGPASSWORD`; nil when neither gives one (trust or peer authentication).
    var password: String?
    var database: String
    var sslMode: SSLMode
    /// The schema the store's tables live in; validated as a plain identifier, so it can be
    /// spliced into `SET search_path` and `CREATE SCHEMA` without quoting surprises.
    var schema: String

    static let defaultPort = 5432
    static let defaultSchema = "arco"
    /// PostgreSQL truncates identifiers longer than this (NAMEDATALEN - 1).
    static let identifierBytesMax = 63

    /// The location as a URL without the password: what every message shows.
    var redacted: String {
        var query = [String]()
        let authority: String
        switch endpoint {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            authority = "\(Self.encode(user))@\(shownHost)" + (port == Self.defaultPort ? "" : ":\(port)")
        case .socket(let directory, let port):
            authority = "\(Self.encode(user))@"
            query.append("host=\(Self.encode(directory, keeping: "/"))")
            if port != Self.defaultPort { query.append("port=\(port)") }
        }
        query.append("sslmode=\(sslMode.rawValue)")
        query.append("schema=\(schema)")
        return "postgres://\(authority)/\(Self.encode(database))?" + query.joined(separator: "&")
    }

    var description: String { redacted }

    /// Percent-encodes everything but unreserved characters (and `keeping`), so a redacted URL
    /// parses back to the same location.
    static func encode(_ text: String, keeping: String = "") -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        allowed.insert(charactersIn: keeping)
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Whether `name` is a plain identifier PostgreSQL takes unquoted (and does not fold, since
    /// upper case is refused too: `Arco` unquoted would silently become `arco`).
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !name.isEmpty, name.utf8.count <= identifierBytesMax else { return false }
        let isStart = (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || first == UInt8(ascii: "_")
        return isStart && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_")
        }
    }
}
