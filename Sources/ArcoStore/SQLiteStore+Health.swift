import ArcoCore
import Foundation
import GRDB

/// Facts about the store's health, gathered for `arco doctor`.
public struct StoreHealth: Sendable {
    /// Which store this is.
    public var kind: StoreKind = .sqlite
    /// Where it is, as messages show it (never with a password).
    public var location = ""
    /// The server's version (PostgreSQL), nil for SQLite.
    public var serverVersion: String?
    /// Migrations applied, in order.
    public var appliedMigrations: [String]
    /// Migrations this build knows but the store lacks.
    public var pendingMigrations: [String]
    /// `PRAGMA journal_mode` (SQLite; empty on PostgreSQL, as the next three are).
    public var journalMode: String
    /// `PRAGMA synchronous` (0 off, 1 normal, 2 full).
    public var synchronous: Int
    /// `PRAGMA quick_check` lines; `["ok"]` when healthy.
    public var quickCheck: [String]
    /// Ledger rows.
    public var events: Int64
    /// The first break in the hash chain, if any.
    public var chainBreak: LedgerHash.Break?
    /// The ledger's last row.
    public var tipSeq: Int64
    /// The projections' meta row.
    public var meta: ProjectionMeta
    /// The database file's permission bits.
    public var fileMode: UInt16?
    /// Whether the projections sit on the ledger's tip (`nil`) or not.
    public var tipMismatch: StoreError?
    /// Scratch files of rebuilds whose process is gone.
    public var staleScratchFiles: [String]
}

extension SQLiteStore {
    /// Gathers schema, pragma, integrity and hash-chain facts in one read snapshot.
    /// - Complexity: O(events): the whole chain is verified.
    public func health() throws -> StoreHealth {
        try readDatabase { db in
            let reader = StoreReader(session: GRDBSession(db, checked: checkedStatements))
            let applied = try StoreMigrations.applied(db)
            var verifier = LedgerHash.Verifier()
            var chainBreak: LedgerHash.Break?
            try reader.forEachEvent(EventFilter()) { row in
                if chainBreak == nil { chainBreak = verifier.check(row) }
            }
            return StoreHealth(
                kind: .sqlite, location: path,
                appliedMigrations: applied,
                pendingMigrations: StoreMigrations.names.filter { !applied.contains($0) },
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                quickCheck: try String.fetchAll(db, sql: "PRAGMA quick_check"),
                events: try reader.eventCount(), chainBreak: chainBreak, tipSeq: try reader.tip().seq,
                meta: try reader.meta(), fileMode: Self.fileMode(path), tipMismatch: try reader.tipMismatch(),
                staleScratchFiles: Self.staleScratchFiles(of: path))
        }
    }

    static func fileMode(_ path: String) -> UInt16? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt16(info.st_mode & 0o777)
    }
}
