import Foundation

extension PostgresLocation {
    /// The query parameters a store URL may carry: libpq's that arco honours, and `schema`.
    static let queryParameters = ["host", "port", "dbname", "user", "password", "sslmode", "schema"]

    /// Reads a store URL. Missing parts default as libpq defaults them: port 5432, `sslmode`
    /// `prefer`, the user from `PGUSER` or the current user, the password from `PGPASSWORD`, the
    /// database named after the user; arco's schema defaults to `arco`. An empty host means
    /// `localhost` over TCP. A host (in the authority, percent-encoded, or the `host` parameter)
    /// that starts with `/` is a Unix-socket directory.
    ///
    /// `environment` is the process's unless a test passes its own.
    init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresLocationError) {
        let rest = try Self.stripScheme(text)
        let (beforeQuery, queryText) = Self.split(rest, at: "?")
        let (authority, pathText) = Self.split(beforeQuery, at: "/")
        var parts = try Self.authorityParts(authority)
        if let pathText { parts.database = try Self.decode(pathText, part: "database name") }
        try Self.applyQuery(queryText, to: &parts)
        try self.init(parts: parts, environment: environment)
    }

    /// The pieces of a URL before defaults are applied.
    struct Parts {
        var user: String?
        var password: String?
        var host: String?
        var port: String?
        var database: String?
        var sslMode: String?
        var schema: String?
    }

    private init(parts: Parts, environment: [String: String]) throws(PostgresLocationError) {
        var port = Self.defaultPort
        if let text = parts.port, !text.isEmpty {
            guard let number = Int(text), (1...65535).contains(number) else { throw .badPort(text) }
            port = number
        }
        let host = parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        endpoint = host.hasPrefix("/") ? .socket(directory: host, port: port) : .tcp(host: host, port: port)
        user = parts.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? Self.currentUser()
        password = parts.password ?? environment["PGPASSWORD"]
        database = parts.database.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let mode = parts.sslMode ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: mode) else { throw .badSSLMode(mode) }
        self.sslMode = sslMode
        schema = parts.schema ?? Self.defaultSchema
        guard Self.isPlainIdentifier(schema) else { throw .badSchema(schema) }
    }

    private static func stripScheme(_ text: String) throws(PostgresLocationError) -> Substring {
        guard let range = text.range(of: "://") else {
            throw .badScheme(String(text.prefix { $0 != ":" && $0 != "/" }.prefix(20)))
        }
        let scheme = text[..<range.lowerBound]
        guard ["postgres", "postgresql"].contains(scheme.lowercased()) else { throw .badScheme(String(scheme)) }
        return text[range.upperBound...]
    }

    /// Splits at the first `separator`; the second half is nil when it does not occur.
    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    /// `user:password@host:port`, `[v6]:port`, or any of them missing.
    private static func authorityParts(_ authority: Substring) throws(PostgresLocationError) -> Parts {
        var parts = Parts()
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let (user, password) = split(authority[..<at], at: ":")
            parts.user = try decode(user, part: "user name")
            if let password { parts.password = try decode(password, part: "password") }
            hostPort = authority[authority.index(after: at)...]
        }
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw .malformed(part: "host") }
            parts.host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { parts.port = String(after.dropFirst()) } else if !after.isEmpty { throw .malformed(part: "host") }
        } else {
            let (host, port) = split(hostPort, at: ":")
            parts.host = try decode(host, part: "host")
            parts.port = port.map(String.init)
        }
        return parts
    }

    private static func applyQuery(_ query: Substring?, to parts: inout Parts) throws(PostgresLocationError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let (name, rawValue) = split(pair, at: "=")
            let value = try decode(rawValue ?? "", part: "parameter '\(name)'")
            switch name {
            case "host": parts.host = value
            case "port": parts.port = value
            case "dbname": parts.database = value
            case "user": parts.user = value
            case "password": parts.password = value
            case "sslmode": parts.sslMode = value
            case "schema": parts.schema = value
            default: throw .unknownParameter(String(name))
            }
        }
    }

    private static func decode(_ text: Substring, part: String) throws(PostgresLocationError) -> String {
        guard let decoded = String(text).removingPercentEncoding else { throw .malformed(part: part) }
        return decoded
    }

    /// The effective user's login name, as libpq falls back to it.
    static func currentUser() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "postgres"
    }
}
