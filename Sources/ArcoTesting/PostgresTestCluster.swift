import Foundation
import Synchronization

/// A throwaway PostgreSQL server for the PostgreSQL store's tests and benchmarks: one per
/// process, started on first use, stopped and deleted when the process exits.
///
/// It runs PostgreSQL's own binaries (`initdb`, `pg_ctl`: `scripts/install-deps.sh` installs
/// them) on a fresh data folder in a temporary directory, with a Unix socket in that directory
/// and TCP on 127.0.0.1 at a free port. Local connections and TCP are trusted, except the user
/// `passwordUser`, who must give `password` over TCP (the authentication tests). `fsync` stays on
/// so durable commits cost what they cost. Each suite takes a database of its own
/// (`createDatabase`), so suites running in parallel never see each other's tables.
///
/// Set `ARCO_TEST_POSTGRES_URL` to a superuser URL of an existing server to use it instead
/// (`postgres://postgres:secret@db.example:5432/postgres`): databases are then created there, and
/// there is no Unix socket (`socketURL` is the TCP URL).
///
/// When no server can be started, `shared()` throws saying why; tests fail rather than skip, so
/// a machine without PostgreSQL cannot pass the suite by accident.
public final class PostgresTestCluster: Sendable {
    /// The superuser the fixture connects as.
    public let superuser: String
    /// The superuser's password: nil on the throwaway server (trusted), the URL's on an external one.
    let superuserPassword: String?
    /// A user who must authenticate with `password` over TCP.
    public let passwordUser = "arco_pw"
    public let password: String
    /// TCP host and port.
    public let host: String
    public let port: Int
    /// The folder holding the server's Unix socket; nil on an external server.
    public let socketDirectory: String?
    /// The superuser URL of an external server (`ARCO_TEST_POSTGRES_URL`); nil for the throwaway one.
    let externalURL: String?
    /// The folder holding `psql` and the server binaries.
    let binDirectory: String
    /// Where fixture commands write their output.
    let logFile: String
    /// How long starting the throwaway server took (initdb, start, the password user).
    public let startSeconds: Double

    private static let databaseCounter = Atomic<Int>(0)
    private static let started = Result { try PostgresTestCluster.startShared() }

    /// The process's cluster, started by the first caller (others wait for it).
    public static func shared() throws -> PostgresTestCluster {
        try started.get()
    }

    init(
        superuser: String, superuserPassword: String? = nil, password: String, host: String, port: Int, socketDirectory: String?, externalURL: String?,
        binDirectory: String, logFile: String, startSeconds: Double
    ) {
        self.superuser = superuser
        self.superuserPassword = superuserPassword
        self.password = password
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.externalURL = externalURL
        self.binDirectory = binDirectory
        self.logFile = logFile
        self.startSeconds = startSeconds
    }

    /// Creates a fresh, empty database whose name starts with `name` (lower-cased, with a
    /// process-unique suffix) and returns how to reach it.
    public func createDatabase(name: String) throws -> PostgresTestDatabase {
        let base = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(30))
        let unique = "\(base)_\(getpid())_\(Self.databaseCounter.add(1, ordering: .relaxed).newValue)"
        try psql("CREATE DATABASE \(unique)")
        return PostgresTestDatabase(cluster: self, name: unique)
    }

    /// Runs one SQL command as the superuser in the `postgres` database.
    func psql(_ command: String) throws {
        var arguments = [binDirectory + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command]
        if let externalURL {
            arguments += ["-d", externalURL]
        } else {
            arguments += ["-h", socketDirectory ?? host, "-p", String(port), "-U", superuser, "-d", "postgres"]
        }
        try ChildProcess.run(arguments, log: logFile)
    }
}

/// One test database in the cluster: URLs to reach it in the forms the store accepts.
public struct PostgresTestDatabase: Sendable {
    public let name: String
    let cluster: PostgresTestCluster

    init(cluster: PostgresTestCluster, name: String) {
        self.cluster = cluster
        self.name = name
    }

    /// The database over TCP as `user` (the superuser by default), with `sslmode=disable`
    /// unless another mode is given.
    public func tcpURL(user: String? = nil, password: String? = nil, sslMode: String = "disable") -> String {
        let password = user == nil ? cluster.superuserPassword : password
        let credentials = (user ?? cluster.superuser) + (password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? "")
        return "postgres://\(credentials)@\(cluster.host):\(cluster.port)/\(name)?sslmode=\(sslMode)"
    }

    /// The database over the Unix socket as the superuser (TCP on an external server).
    public var socketURL: String {
        guard let directory = cluster.socketDirectory else { return tcpURL() }
        return "postgres://\(cluster.superuser)@/\(name)?host=\(directory)&port=\(cluster.port)"
    }
}
