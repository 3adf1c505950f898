import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why the test cluster could not start.
public struct PostgresTestClusterError: Error, CustomStringConvertible {
    public var description: String
}

extension PostgresTestCluster {
    static func startShared() throws -> PostgresTestCluster {
        if let url = ProcessInfo.processInfo.environment["ARCO_TEST_POSTGRES_URL"], !url.isEmpty {
            return try external(url)
        }
        let start = ContinuousClock.now
        let binDirectory = try findBinaries()
        let folder = try makeFolder()
        let owner = geteuid() == 0 ? try serverUser() : nil
        let log = folder + "/fixture.log"
        let data = folder + "/data"
        try initialize(data: data, folder: folder, binDirectory: binDirectory, owner: owner, log: log)
        var lastError: (any Error)?
        // A port found free can be taken before the server binds it: try a few.
        for _ in 0..<3 {
            let port = try freePort()
            do {
                try configure(data: data, folder: folder, port: port, owner: owner)
                try ChildProcess.run(
                    asUser(owner) + [binDirectory + "/pg_ctl", "-D", data, "-l", folder + "/server.log", "-w", "-t", "60", "start"],
                    log: log)
                try stopAtExit(data: data, folder: folder, binDirectory: binDirectory, owner: owner)
                let password = randomHex(16)
                let cluster = PostgresTestCluster(
                    superuser: "postgres", password: password, host: "127.0.0.1", port: port, socketDirectory: folder,
                    externalURL: nil, binDirectory: binDirectory, logFile: log,
                    startSeconds: seconds(since: start))
                try cluster.psql("CREATE ROLE \(cluster.passwordUser) LOGIN PASSWORD '\(password)'")
                return cluster
            } catch {
                lastError = error
            }
        }
        let serverLog = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
        throw PostgresTestClusterError(
            description: "the test PostgreSQL server did not start: \(lastError.map { "\($0)" } ?? "")\n\(serverLog.suffix(1_500))")
    }

    /// `/usr/lib/postgresql/N/bin` with the highest N (Debian's layout), else `pg_config --bindir`.
    static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/pg_config") {
            let output = NSTemporaryDirectory() + "arco-pg-config-\(getpid())"
            defer { unlink(output) }
            try? ChildProcess.run(["\(folder)/pg_config", "--bindir"], log: output)
            let bin = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        throw PostgresTestClusterError(
            description: "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or pg_config --bindir; install postgresql: scripts/install-deps.sh")
    }

    /// A fresh private folder with a short path: a Unix socket's path must fit in 107 bytes.
    static func makeFolder() throws -> String {
        let base = NSTemporaryDirectory().utf8.count < 60 ? NSTemporaryDirectory() : "/tmp/"
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast()) + Array("arco-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PostgresTestClusterError(description: "cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (the
    /// Debian package creates it), and the folder is handed to it.
    static func serverUser() throws -> (name: String, uid: uid_t, gid: gid_t) {
        guard let entry = getpwnam("postgres") else {
            throw PostgresTestClusterError(
                description: "running as root, and there is no 'postgres' user to run the test server as; install postgresql: scripts/install-deps.sh")
        }
        return ("postgres", entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    static func asUser(_ owner: (name: String, uid: uid_t, gid: gid_t)?) -> [String] {
        guard let owner else { return [] }
        let runuser = FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser"
        return [runuser, "-u", owner.name, "--"]
    }

    static func initialize(
        data: String, folder: String, binDirectory: String, owner: (name: String, uid: uid_t, gid: gid_t)?, log: String
    ) throws {
        if let owner { chown(folder, owner.uid, owner.gid) }
        // The log is written by this process and by children running as the server's user.
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        if let owner { chown(log, owner.uid, owner.gid) }
        try ChildProcess.run(
            asUser(owner) + [
                binDirectory + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
            ], log: log)
    }

    /// Writes pg_hba.conf and the server settings for this run's port.
    static func configure(data: String, folder: String, port: Int, owner: (name: String, uid: uid_t, gid: gid_t)?) throws {
        let hba = """
            local all all trust
            host all arco_pw 127.0.0.1/32 scram-sha-256
            host all all 127.0.0.1/32 trust

            """
        let settings = """
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(folder)'
            fsync = on
            synchronous_commit = on
            shared_buffers = 16MB
            max_connections = 100
            password_encryption = 'scram-sha-256'

            """
        try hba.write(toFile: data + "/pg_hba.conf", atomically: false, encoding: .utf8)
        try settings.write(toFile: data + "/postgresql.auto.conf", atomically: false, encoding: .utf8)
        if let owner {
            chown(data + "/pg_hba.conf", owner.uid, owner.gid)
            chown(data + "/postgresql.auto.conf", owner.uid, owner.gid)
        }
    }

    /// A TCP port nothing listens on at this moment: bind port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresTestClusterError(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw PostgresTestClusterError(description: "cannot find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    static func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// An existing server given by `ARCO_TEST_POSTGRES_URL`.
    static func external(_ url: String) throws -> PostgresTestCluster {
        guard let components = URLComponents(string: url), let host = components.host else {
            throw PostgresTestClusterError(description: "ARCO_TEST_POSTGRES_URL is not a postgres:// URL")
        }
        let cluster = PostgresTestCluster(
            superuser: components.user ?? "postgres", superuserPassword: components.password, password: randomHex(16),
            host: host, port: components.port ?? 5432, socketDirectory: nil, externalURL: url,
            binDirectory: (try? findBinaries()) ?? "/usr/bin", logFile: NSTemporaryDirectory() + "arco-pg-fixture-\(getpid()).log",
            startSeconds: 0)
        let role = cluster.passwordUser
        try cluster.psql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF; END $$; ALTER ROLE \(role) PASSWORD '\(cluster.password)'"
        )
        return cluster
    }
}
