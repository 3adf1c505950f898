import ArcoCore
import ArcoStore

extension Engine {
    /// Lists ledger rows in order, calling `body` for each (streamed, so any size works).
    public func forEachEvent(_ filter: EventFilter, _ body: (LedgerRow) throws -> Void) throws {
        let store = try store()
        try mapStoreErrors { try store.read { try $0.forEachEvent(filter, body) } }
    }

    /// The ledger's last row as an anchor to keep outside the store (`arco ledger tip`).
    public func ledgerTip() throws -> LedgerAnchor {
        let store = try store()
        let tip = try mapStoreErrors { try store.read { try $0.tip() } }
        return LedgerAnchor(seq: tip.seq, hash: tip.hash)
    }

    /// Writes the ledger after `afterSeq` as JSON Lines through `emit`, one row per line.
    /// - Returns: the number of rows written.
    @discardableResult
    public func exportLedger(afterSeq: Int64, emit: (String) throws -> Void) throws -> Int64 {
        var count: Int64 = 0
        try forEachEvent(EventFilter(afterSeq: afterSeq)) { row in
            try emit(CanonicalJSON.encode(row.exportJSON()))
            count += 1
        }
        return count
    }

    /// Loads an export into this workspace, whose store must be empty or not yet created.
    ///
    /// Every row is checked against the hash chain before anything is committed; on any problem
    /// nothing is written.
    /// - Parameter nextLine: returns the next line of the export, or `nil` at its end.
    /// - Returns: the number of events imported.
    public func importLedger(nextLine: () throws -> String?) throws -> Int64 {
        let store = try store()
        var lineNumber = 0
        do {
            return try store.importLedger { () throws -> LedgerRow? in
                while let line = try nextLine() {
                    lineNumber += 1
                    if line.allSatisfy(\.isWhitespace) { continue }
                    return try Self.parseExportLine(line, number: lineNumber)
                }
                return nil
            }
        } catch StoreError.chainBroken(let broken) {
            // In an import the chain checks the export, not the store: a break is bad input.
            throw OperatorError(
                .dataError, "the export's hash chain is broken at row \(broken.seq): \(broken.reason)",
                hint: "the export was edited or damaged; export it again with `arco ledger export`")
        } catch let error as StoreError {
            throw OperatorError(storeError: error, workspace: workspace, store: environment.store)
        }
    }

    static func parseExportLine(_ line: String, number: Int) throws -> LedgerRow {
        do {
            return try LedgerRow(exported: try JSONParser.parse(line))
        } catch {
            throw OperatorError(
                .dataError, "line \(number) of the export is not a ledger row: \(error)",
                hint: "produce exports with `arco ledger export > ledger.jsonl`")
        }
    }

    /// Refolds the whole ledger into fresh projections and swaps them in (or, with `verifyOnly`,
    /// only reports how the live projections differ).
    public func rebuild(verifyOnly: Bool, progress: ((Int64) -> Void)? = nil) throws -> RebuildReport {
        let store = try store()
        return try mapStoreErrors { try store.rebuild(verifyOnly: verifyOnly, progress: progress) }
    }
}
