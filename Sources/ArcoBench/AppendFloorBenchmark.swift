import Foundation
import GRDB

/// The floor under arco's single-event commits: a bare SQLite commit that dirties the same pages
/// an arco commit does, so the difference between the two is arco's own cost and the rest is
/// what the schema and the disk ask of any commit.
enum AppendFloorBenchmark {
    /// One arco commit of one event writes the ledger row and its three indexes (event id and
    /// idempotency key, both unique, and the correlation index), the fold's `applied_keys` row,
    /// a projection row with one index, and `projection_meta`: the same tables are built here
    /// bare, with no hashing, no fold logic and no canonical JSON.
    static func run(singles: Int) throws {
        for full in [true, false] { try commits(singles: singles, full: full, projections: true) }
        try commits(singles: singles, full: true, projections: false)
    }

    /// Commits `singles` events one at a time; with `projections` false only the ledger row and
    /// its indexes are written: the floor of any design that keeps this ledger.
    static func commits(singles: Int, full: Bool, projections: Bool) throws {
        let folder = try Benchmarks.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = \(full ? "FULL" : "NORMAL")")
        }
        let queue = try DatabaseQueue(path: folder + "/floor.db", configuration: configuration)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE, key TEXT UNIQUE,
                        correlation TEXT, payload TEXT);
                    CREATE INDEX events_by_correlation ON events(correlation, seq);
                    CREATE TABLE applied (seq INTEGER PRIMARY KEY, key TEXT, outcome TEXT);
                    CREATE TABLE rows (id TEXT PRIMARY KEY, status TEXT, n INTEGER);
                    CREATE INDEX rows_by_status ON rows(status, id);
                    CREATE TABLE meta (id INTEGER PRIMARY KEY, seq INTEGER, hash TEXT);
                    INSERT INTO meta VALUES (1, 0, '');
                    """)
        }
        let payload = String(repeating: "x", count: 300)
        let seconds = try Benchmarks.time {
            for index in 0..<singles {
                try queue.write { db in
                    let seq = index + 1
                    // Idempotency keys and correlations land at scattered places, as run ids do.
                    let key = "k\((index &* 2_654_435_761) % 1_000_003)-\(index)"
                    let run = "r\((index &* 40_503) % 997)"
                    try db.cachedStatement(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?)")
                        .execute(arguments: [seq, String(format: "e%012d", seq), key, run, payload])
                    guard projections else { return }
                    try db.cachedStatement(sql: "INSERT INTO applied VALUES (?, ?, 'APPLIED')")
                        .execute(arguments: [seq, key])
                    try db.cachedStatement(
                        sql: "INSERT INTO rows VALUES (?, ?, 1) ON CONFLICT(id) DO UPDATE SET status = excluded.status, n = n + 1")
                        .execute(arguments: [run, index % 2 == 0 ? "STARTED" : "SUCCESS"])
                    try db.cachedStatement(sql: "UPDATE meta SET seq = ?, hash = ? WHERE id = 1")
                        .execute(arguments: [seq, key])
                }
            }
        }
        let what = projections ? "the pages of one arco commit" : "the ledger row and its three indexes only"
        Benchmarks.row("bare SQLite, \(what), commit each, sync=\(full ? "FULL" : "NORMAL")", singles, seconds)
    }
}
