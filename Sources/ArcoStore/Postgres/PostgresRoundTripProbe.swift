import Foundation
import NIOCore

/// Times the PostgreSQL session's round trips for `arco-bench postgres-roundtrip`: the session
/// is internal to ArcoStore, so the benchmark reaches it through this one public door.
public enum PostgresRoundTripProbe {
    /// One measurement: what was timed and its mean cost per operation.
    public struct Figure: Sendable {
        public var name: String
        public var microsecondsPerOperation: Double
    }

    /// Connects to `url` and times `iterations` each of: `SELECT 1`; a one-row INSERT inside one
    /// transaction; a one-row INSERT in autocommit with `synchronous_commit` on (one WAL flush
    /// each). Works in a table of its own, dropped at the end.
    public static func measure(url: String, iterations: Int) throws -> [Figure] {
        let location: PostgresLocation
        do {
            location = try PostgresLocation(parsing: url)
        } catch {
            throw StoreError.unavailable(path: "(store URL)", detail: error.description)
        }
        let session = try PostgresSession.connect(to: location)
        defer { session.close() }
        try session.executeScript(
            "SET synchronous_commit TO on; DROP TABLE IF EXISTS arco_probe; CREATE TABLE arco_probe (id BIGINT PRIMARY KEY, body TEXT)")
        var figures = [Figure]()
        // The bridge's floor: a hop to the event loop and back, with no I/O.
        let loop = PostgresEventLoop.group.next()
        figures.append(Figure(name: "event-loop hop alone (no I/O)", microsecondsPerOperation: try time(iterations) { _ in
            try loop.submit {}.wait()
        }))
        figures.append(Figure(name: "SELECT 1", microsecondsPerOperation: try time(iterations) { _ in
            _ = try session.value("SELECT 1", as: Int64.self)
        }))
        try session.execute("BEGIN")
        figures.append(Figure(name: "INSERT, one transaction", microsecondsPerOperation: try time(iterations) { index in
            try session.execute("INSERT INTO arco_probe (id, body) VALUES (?, ?)", [Int64(index), "row"])
        }))
        try session.execute("COMMIT")
        figures.append(Figure(name: "INSERT, autocommit (durable)", microsecondsPerOperation: try time(iterations) { index in
            try session.execute("INSERT INTO arco_probe (id, body) VALUES (?, ?)", [Int64(iterations + index), "row"])
        }))
        try session.execute("DROP TABLE arco_probe")
        return figures
    }

    private static func time(_ iterations: Int, _ body: (Int) throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        for index in 0..<iterations { try body(index) }
        let elapsed = start.duration(to: .now)
        let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        return micros / Double(iterations)
    }
}
