import ArcoCore
import ArcoEngine
import ArcoStore
import ArcoTesting
import Foundation
import Synchronization

/// `arco-bench postgres-append [--url URL] [--events N] [--singles N] [--writers N]`: arco's
/// append+fold path on a PostgreSQL store (issue 21's targets: batched ≥ 20,000 events/s,
/// single-event durable commits ≥ 1,000/s), beside the same rows on SQLite for scale.
///
/// Without `--url` it starts the throwaway test cluster (fsync and synchronous_commit on, Unix
/// socket). `--writers` runs the single-event commits from that many threads at once, each with
/// its own store (its own connection), as that many processes would.
enum PostgresAppendBenchmark {
    static func run(_ arguments: [String]) throws {
        let events = Benchmarks.optionString("--events", in: arguments).flatMap(Int.init) ?? 20_000
        let singles = Benchmarks.optionString("--singles", in: arguments).flatMap(Int.init) ?? 2_000
        let writers = Benchmarks.optionString("--writers", in: arguments).flatMap(Int.init) ?? 1
        let url: () throws -> String
        // A given database may hold earlier runs' events: each run then takes names of its own
        // (a random offset), or its events would be duplicates that commit nothing.
        var first = 0
        if let given = Benchmarks.optionString("--url", in: arguments) {
            url = { given }
            first = Int.random(in: 1..<400_000) * 1_000
        } else {
            let cluster = try PostgresTestCluster.shared()
            url = { try cluster.createDatabase(name: "bench_append").socketURL }
        }
        print("| store | measurement | events | seconds | events/s |")
        print("|---|---|---:|---:|---:|")
        try measure("postgres", batch: 1_000, events: events, from: first, stores: [PostgresStore(url: url())])
        let shared = try url()
        let singlesFirst = first + (events + 499) / 500 * 500
        try measure(
            "postgres", batch: 1, events: singles, from: singlesFirst,
            stores: (0..<max(1, writers)).map { _ in try PostgresStore(url: shared) })
        let folder = NSTemporaryDirectory() + "arco-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let full = SQLiteStore.Options(synchronousFull: true)
        try measure("sqlite", batch: 1_000, events: events, stores: [SQLiteStore(path: folder + "/batched.db", options: full)])
        try measure("sqlite", batch: 1, events: singles, stores: [SQLiteStore(path: folder + "/singles.db", options: full)])
    }

    /// Appends `events` generated events with their fold, `batch` per transaction, split over
    /// one thread per store (stores opened on one database: one connection each).
    static func measure(_ name: String, batch: Int, events: Int, from first: Int = 0, stores: [any WorkspaceStore]) throws {
        let sample = Benchmarks.drafts(events, from: first)
        let ids = RandomIDGenerator()
        let at = SystemWallClock().now()
        let identified = sample.map { ($0, ids.makeEventID(at: at)) }
        let share = (identified.count + stores.count - 1) / stores.count
        let failures = Mutex<[String]>([])
        let seconds = Benchmarks.time {
            DispatchQueue.concurrentPerform(iterations: stores.count) { writer in
                let mine = Array(identified[min(identified.count, writer * share)..<min(identified.count, (writer + 1) * share)])
                var index = 0
                do {
                    while index < mine.count {
                        let chunk = Array(mine[index..<min(index + batch, mine.count)])
                        _ = try stores[writer].write { try $0.append(chunk, recordedAt: at) }
                        index += batch
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw BenchError(failure) }
        let how = batch == 1 ? "one event per durable commit, \(stores.count) writer(s)" : "batches of \(batch)"
        print("| \(name) | append+fold, \(how) | \(events) | \(String(format: "%.3f", seconds)) | \(Int(Double(events) / seconds)) |")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
