import ArcoCore
import ArcoEngine
import ArcoStore
import ArcoTesting
import Foundation
import GRDB

/// The measurements recorded in docs/benchmarks.md. Each prints one Markdown table row.
enum Benchmarks {
    static func runAll(_ arguments: [String]) throws {
        let events = option("--events", in: arguments) ?? 100_000
        let singles = option("--singles", in: arguments) ?? 5_000
        let rebuildEvents = option("--rebuild-events", in: arguments) ?? 1_000_000
        let binary = optionString("--arco", in: arguments)
        print("| measurement | events | seconds | events/s |")
        print("|---|---:|---:|---:|")
        try codec(events: events)
        try appendParts(events: events)
        try transactionFloor(count: singles)
        try bareSQLite(events: events, singles: singles)
        try AppendFloorBenchmark.run(singles: singles)
        for full in [true, false] {
            try append(events: events, batch: 1000, fold: false, full: full)
            try append(events: events, batch: 1000, fold: true, full: full)
            try append(events: singles, batch: 1, fold: true, full: full)
        }
        try PartitionsBenchmark.run(keys: 1_000_000, arcoBinary: binary)
        if let binary { try RunsBenchmark.run(arcoBinary: binary) }
        if let binary { try BackfillsBenchmark.run(arcoBinary: binary) }
        if let binary { try StalenessBenchmark.run(arcoBinary: binary) }
        if let binary { try SchedulesBenchmark.run(arcoBinary: binary) }
        if let binary { try SensorsBenchmark.run(arcoBinary: binary) }
        if let binary { try DaemonBenchmark.run(arcoBinary: binary) }
        if rebuildEvents > 0 { try RebuildBenchmark.run(events: rebuildEvents, arcoBinary: binary) }
    }

    /// The single-event commit rows alone, with their floors: what a change to the append path
    /// is compared on (`arco-bench append [--singles N]`).
    static func runAppend(_ arguments: [String]) throws {
        let singles = option("--singles", in: arguments) ?? 5_000
        print("| measurement | events | seconds | events/s |")
        print("|---|---:|---:|---:|")
        try transactionFloor(count: singles)
        try bareSQLite(events: singles, singles: singles)
        try AppendFloorBenchmark.run(singles: singles)
        for full in [true, false] { try append(events: singles, batch: 1, fold: true, full: full) }
    }

    static func option(_ name: String, in arguments: [String]) -> Int? {
        optionString(name, in: arguments).flatMap(Int.init)
    }

    static func optionString(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func row(_ name: String, _ count: Int, _ seconds: Double) {
        let rate = seconds > 0 ? Double(count) / seconds : 0
        print("| \(name) | \(count) | \(String(format: "%.3f", seconds)) | \(Int(rate.rounded())) |")
        fflush(nil)
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// `count` generated events; a `first` offset (a multiple of 500) renames them apart from
    /// the events other offsets give, so two samples can go into one ledger.
    static func drafts(_ count: Int, from first: Int = 0) -> [EventDraft] {
        var generator = EventSequenceGenerator(seed: 3)
        var result = [EventDraft]()
        var offset = first
        while result.count < count {
            result += generator.drafts(runs: 500).map { StressCommands.renamed($0, offset: offset) }
            offset += 500
        }
        return Array(result.prefix(count))
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "arco-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Canonical encoding and hand-written decoding of realistic payloads.
    static func codec(events: Int) throws {
        let sample = drafts(events)
        var texts = [String]()
        texts.reserveCapacity(events)
        let encode = time {
            for draft in sample {
                guard let body = draft.payload.body else { texts.append(draft.payloadText); continue }
                texts.append(CanonicalJSON.encode(body.payloadJSON()))
            }
        }
        row("canonical JSON encode (payload only)", events, encode)
        let decode = try time {
            for (text, draft) in zip(texts, sample) {
                _ = try EventCatalog.decode(
                    type: draft.payload.storedType, version: draft.payload.version, payload: JSONParser.parse(text))
            }
        }
        row("payload decode (parser + typed fields)", events, decode)
    }

    /// A bare prepared-statement insert with GRDB, for scale.
    static func bareSQLite(events: Int, singles: Int) throws {
        for full in [true, false] {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = \(full ? "FULL" : "NORMAL")")
            }
            let queue = try DatabaseQueue(path: folder + "/bare.db", configuration: configuration)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, payload TEXT)")
            }
            let payload = String(repeating: "x", count: 300)
            let mode = full ? "FULL" : "NORMAL"
            if full {
                let batched = try time {
                    try queue.write { db in
                        let statement = try db.cachedStatement(sql: "INSERT INTO t (k, payload) VALUES (?, ?)")
                        for index in 0..<events { try statement.execute(arguments: ["b\(index)", payload]) }
                    }
                }
                row("bare SQLite insert, one transaction, sync=\(mode)", events, batched)
            }
            let committed = try time {
                for index in 0..<singles {
                    try queue.write { db in
                        try db.cachedStatement(sql: "INSERT INTO t (k, payload) VALUES (?, ?)")
                            .execute(arguments: ["s\(index)", payload])
                    }
                }
            }
            row("bare SQLite insert + commit each, sync=\(mode)", singles, committed)
        }
    }

    /// arco's append path through the store, with or without the fold.
    static func append(events: Int, batch: Int, fold: Bool, full: Bool) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder + "/arco.db", options: .init(synchronousFull: full))
        let sample = drafts(events)
        let ids = RandomIDGenerator()
        let at = SystemWallClock().now()
        let identified = sample.map { ($0, ids.makeEventID(at: at)) }
        let seconds = try time {
            var index = 0
            while index < identified.count {
                let chunk = Array(identified[index..<min(index + batch, identified.count)])
                _ = try store.write { try $0.append(chunk, recordedAt: at, fold: fold) }
                index += batch
            }
        }
        let what = fold ? "append+fold" : "append only"
        let how = batch == 1 ? "one event per commit" : "batches of \(batch)"
        row("\(what), \(how), sync=\(full ? "FULL" : "NORMAL")", events, seconds)
    }
}

extension Benchmarks {
    /// Splits the append path into its parts: building chained rows, then inserting them.
    static func appendParts(events: Int) throws {
        let sample = drafts(events)
        let at = SystemWallClock().now()
        let text = at.iso8601
        var rows = [LedgerRow]()
        rows.reserveCapacity(events)
        let build = time {
            var previous = LedgerHash.genesis
            for (index, draft) in sample.enumerated() {
                let row = LedgerRow(
                    draft: draft, seq: Int64(index + 1), eventID: EventID("e\(index)"), recordedAt: at,
                    previousHash: previous, recordedAtText: text)
                previous = row.hash
                rows.append(row)
            }
        }
        row("build chained ledger rows (hash included)", events, build)
    }
}

extension Benchmarks {
    /// The fixed cost of a write transaction that changes nothing, and of one that only reads the
    /// projection meta row: the floor under any single-event commit.
    static func transactionFloor(count: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder + "/arco.db", options: .init(synchronousFull: false))
        let empty = try time { for _ in 0..<count { try store.write { _ in } } }
        row("empty write transaction (BEGIN IMMEDIATE + COMMIT), sync=NORMAL", count, empty)
        let meta = try time { for _ in 0..<count { _ = try store.write { try $0.meta() } } }
        row("write transaction reading projection_meta, sync=NORMAL", count, meta)
    }
}
