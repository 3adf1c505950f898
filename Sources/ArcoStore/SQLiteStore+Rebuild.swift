import ArcoCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Folds the whole ledger into scratch tables, compares them with the live projections and,
    /// unless `verifyOnly`, swaps them in atomically.
    ///
    /// The ledger is streamed (memory stays flat) and its hash chain is checked on the way.
    /// Writers are blocked only for the final catch-up and swap.
    /// - Complexity: O(events).
    /// - Parameters:
    ///   - batchRows: rows folded per scratch transaction (tests use small batches).
    ///   - progress: called after each batch with the number of rows folded so far.
    public func rebuild(
        verifyOnly: Bool, batchRows: Int = Limits.rebuildBatchRows, progress: ((Int64) -> Void)? = nil
    ) throws -> RebuildReport {
        let scratchPath = path + ".rebuild-\(getpid())"
        removeStaleScratchFiles()
        removeScratch(scratchPath)
        try SQLiteStore.createPrivateFile(at: scratchPath)
        defer { removeScratch(scratchPath) }
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS rebuild", arguments: [scratchPath])
                try db.execute(sql: "PRAGMA rebuild.journal_mode = OFF; PRAGMA rebuild.synchronous = OFF")
                try Self.createScratchTables(db)
            }
            defer { try? queue.writeWithoutTransaction { db in try db.execute(sql: "DETACH DATABASE rebuild") } }
            var state = ScratchRebuild.State()
            while try foldScratchBatch(&state, limit: max(1, batchRows)) {
                progress?(state.verifier.expectedSeq - 1)
            }
            return try finishRebuild(&state, verifyOnly: verifyOnly)
        } catch let error as DatabaseError {
            throw releasingSpaceIfFull(SQLiteStore.map(error, path: path))
        } catch let error as StoreError {
            // The swap's rolled-back pages sit in the live `-wal`; the scratch file goes on return.
            throw releasingSpaceIfFull(error)
        }
    }

    private func removeScratch(_ scratchPath: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(scratchPath + suffix) }
    }


    /// Folds up to `limit` rows into the scratch tables; returns whether it folded any.
    private func foldScratchBatch(_ state: inout ScratchRebuild.State, limit: Int) throws -> Bool {
        try queue.writeWithoutTransaction { db in
            var count = 0
            try db.inTransaction(.deferred) {
                count = try ScratchRebuild.fold(GRDBSession(db, checked: checkedStatements), &state, limit: limit, scratch: "rebuild")
                return .commit
            }
            return count > 0
        }
    }


    /// Catches up with events appended meanwhile, compares, and swaps, under the write lock.
    private func finishRebuild(_ state: inout ScratchRebuild.State, verifyOnly: Bool) throws -> RebuildReport {
        try withBusyRetry {
            do {
                return try queue.writeWithoutTransaction { db in
                    var report: RebuildReport?
                    try db.inTransaction(.immediate) {
                        let session = GRDBSession(db, checked: checkedStatements)
                        // Rebuilding over a ledger that lost acknowledged rows would make the loss
                        // look healthy; refuse and say so instead.
                        if case .ledgerTruncated(let applied, let tip)? = try StoreReader(session: session).tipMismatch() {
                            throw StoreError.ledgerTruncated(appliedSeq: applied, tipSeq: tip)
                        }
                        _ = try ScratchRebuild.fold(session, &state, limit: nil, scratch: "rebuild")
                        if state.folded == 0 { try SQLProjectionWriter(session, schema: "rebuild").setMeta(state.meta) }
                        // Comparing sorts every table twice; a plain rebuild replaces them anyway.
                        let differences = verifyOnly ? try ScratchRebuild.compareTables(session, scratch: "rebuild") : []
                        if !verifyOnly { try ScratchRebuild.swapTables(session, scratch: "rebuild") }
                        report = RebuildReport(
                            eventsFolded: state.folded, unknownEvents: state.meta.unknownEvents,
                            rejectedEvents: state.meta.rejectedEvents, differences: differences,
                            swapped: !verifyOnly)
                        return verifyOnly ? .rollback : .commit
                    }
                    guard let report else { preconditionFailure("rebuild transaction ended without a report") }
                    return report
                }
            } catch let error as DatabaseError {
                throw SQLiteStore.map(error, path: path)
            }
        }
    }

    /// Creates the scratch tables from the live schema, so they always match the migrations.
    private static func createScratchTables(_ db: Database) throws {
        let names = StoreMigrations.projectionTables
        let placeholders = names.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name, tbl_name, sql FROM main.sqlite_master \
                WHERE tbl_name IN (\(placeholders)) AND sql IS NOT NULL ORDER BY type DESC
                """, arguments: StatementArguments(names))
        for row in rows {
            let type: String = row[0]
            let name: String = row[1]
            let sql: String = row[3]
            let prefix = type == "table" ? "CREATE TABLE \(name)" : "CREATE INDEX \(name)"
            guard sql.hasPrefix(prefix) else { continue }
            let scratchPrefix = type == "table" ? "CREATE TABLE rebuild.\(name)" : "CREATE INDEX rebuild.\(name)"
            try db.execute(sql: scratchPrefix + sql.dropFirst(prefix.count))
        }
    }


}

extension SQLiteStore {
    /// Scratch databases left by rebuilds whose process died (kill -9, power loss).
    static func staleScratchFiles(of path: String) -> [String] {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".rebuild-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            guard name.hasPrefix(prefix) else { return false }
            let digits = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(digits) else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }.map { folder + "/" + $0 }.sorted()
    }

    /// Removes scratch databases of dead rebuilds.
    func removeStaleScratchFiles() {
        for file in Self.staleScratchFiles(of: path) { unlink(file) }
    }
}
