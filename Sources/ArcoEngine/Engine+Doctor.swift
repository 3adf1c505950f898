import ArcoCore
import ArcoStore

/// One finding of `arco doctor`.
public struct DoctorCheck: Sendable, Hashable {
    /// How a check came out.
    public enum Status: String, Sendable, Hashable {
        case ok, warn, fail
    }

    /// A stable name, e.g. `hash_chain`.
    public var name: String
    /// The result.
    public var status: Status
    /// What was found.
    public var detail: String
    /// What to do about it, with a command to copy.
    public var hint: String?
}

/// Everything `arco doctor` found, and the exit status it implies.
public struct DoctorReport: Sendable {
    /// The checks in the order they ran.
    public var checks: [DoctorCheck]
    /// 74 when the ledger or file is damaged, 1 for any other failure, 0 when healthy.
    public var exitStatus: ExitStatus
}

extension Engine {
    /// Checks the definitions, schema, pragmas, permissions, file integrity, the hash chain and
    /// live-versus-rebuilt projections, and says what to do about anything it finds.
    /// - Parameter expectedTip: a tip kept from `ledger tip`: the ledger must still hold that
    ///   row with that hash, or the check fails as damage (74).
    /// - Complexity: O(events): the chain is verified and the ledger refolded into scratch tables.
    public func doctor(expectedTip: LedgerAnchor? = nil) throws -> DoctorReport {
        var checks = [definitionsCheck(), stateFolderCheck()]
        // A refused link is not opened, so there is no store to check behind it.
        if checks.last?.status == .fail { return DoctorReport(checks: checks, exitStatus: .ioError) }
        let store = try store()
        let health = try mapStoreErrors { try store.health() }
        checks.append(contentsOf: storeChecks(health))
        var truncated = false
        if case .ledgerTruncated? = health.tipMismatch { truncated = true }
        if let expectedTip {
            let check = try anchorCheck(expectedTip, tipSeq: health.tipSeq)
            checks.append(check)
            if check.status == .fail { truncated = true }
        }
        let damaged = health.chainBreak != nil || health.quickCheck != ["ok"] || truncated
        if !damaged { checks.append(try projectionsCheck()) }
        let status: ExitStatus =
            damaged ? .ioError : checks.contains { $0.status == .fail } ? .failure : .ok
        return DoctorReport(checks: checks, exitStatus: status)
    }

    private func definitionsCheck() -> DoctorCheck {
        do {
            let definitions = try loadDefinitions()
            return DoctorCheck(name: "definitions", status: .ok, detail: definitions.summary.description)
        } catch let error as OperatorError {
            return DoctorCheck(name: "definitions", status: .fail, detail: error.message, hint: "see every problem with `arco validate`")
        } catch {
            return DoctorCheck(name: "definitions", status: .fail, detail: "\(error)", hint: "run `arco validate`")
        }
    }

    /// Whether `.arco` is a folder or a symbolic link, where a link points, and whether arco
    /// follows it (docs/adr/0013-symlinks-in-the-store.md).
    private func stateFolderCheck() -> DoctorCheck {
        guard let link = workspace.stateFolderLink(allowedTargets: environment.stateLinkTargets) else {
            return DoctorCheck(name: "state_folder", status: .ok, detail: "'\(workspace.stateFolder)' is a folder")
        }
        let resolved = link.resolved.map { link.target == $0 ? "" : " (resolved: '\($0)')" } ?? ""
        let detail = "'\(workspace.stateFolder)' is a symbolic link to '\(link.target)'\(resolved)"
        guard let refusal = link.refusal else {
            return DoctorCheck(name: "state_folder", status: .ok, detail: detail + ", followed: ARCO_STATE_DIR names it")
        }
        return DoctorCheck(name: "state_folder", status: .fail, detail: detail + ", refused: " + refusal, hint: link.hint)
    }

    private func storeChecks(_ health: StoreHealth) -> [DoctorCheck] {
        var checks = [storeCheck(health)]
        checks.append(
            DoctorCheck(
                name: "schema", status: health.pendingMigrations.isEmpty ? .ok : .fail,
                detail: "\(health.appliedMigrations.count) migrations applied"
                    + (health.pendingMigrations.isEmpty ? "" : ", pending: \(health.pendingMigrations.joined(separator: ", "))"),
                hint: health.pendingMigrations.isEmpty ? nil : "open the store with this arco, e.g. `arco events --limit 1`"))
        // Journal mode, file permissions, quick_check and scratch files are the SQLite file's; the
        // PostgreSQL server keeps its own (its administrator's tools check them).
        guard health.kind == .sqlite else {
            checks.append(chainCheck(health))
            return checks
        }
        let wantedSync = environment.synchronousFull ? 2 : 1
        let pragmasOK = health.journalMode.lowercased() == "wal" && health.synchronous == wantedSync
        checks.append(
            DoctorCheck(
                name: "pragmas", status: pragmasOK ? .ok : .fail,
                detail: "journal_mode=\(health.journalMode), synchronous=\(health.synchronous == 2 ? "FULL" : health.synchronous == 1 ? "NORMAL" : String(health.synchronous))",
                hint: pragmasOK ? nil : "check that nothing else opened the store with other settings"))
        let privateFile = health.fileMode.map { $0 & 0o077 == 0 } ?? false
        checks.append(
            DoctorCheck(
                name: "permissions", status: privateFile ? .ok : .warn,
                detail: "database mode \(health.fileMode.map { String($0, radix: 8) } ?? "unknown")",
                hint: privateFile ? nil : "restrict it with `chmod 600 \(workspace.databasePath)`"))
        let intact = health.quickCheck == ["ok"]
        checks.append(
            DoctorCheck(
                name: "integrity", status: intact ? .ok : .fail,
                detail: intact ? "SQLite quick_check ok" : health.quickCheck.prefix(3).joined(separator: "; "),
                hint: intact ? nil : "restore from an export with `arco ledger import FILE` into a fresh workspace"))
        checks.append(chainCheck(health))
        if !health.staleScratchFiles.isEmpty {
            checks.append(
                DoctorCheck(
                    name: "scratch_files", status: .warn,
                    detail: "\(Plural.count(health.staleScratchFiles.count, "scratch file")) of interrupted rebuilds: \(health.staleScratchFiles.joined(separator: ", "))",
                    hint: "the next `arco rebuild` removes them"))
        }
        return checks
    }

    /// Which store is in use and where the setting came from (`--store`, `ARCO_STORE`,
    /// `store:` in arco.yaml, or the default).
    private func storeCheck(_ health: StoreHealth) -> DoctorCheck {
        let server = health.serverVersion.map { " (PostgreSQL \($0))" } ?? ""
        return DoctorCheck(
            name: "store", status: .ok,
            detail: "\(health.kind.rawValue) '\(health.location)'\(server), chosen by \(environment.storeSource.rawValue)")
    }

    private func chainCheck(_ health: StoreHealth) -> DoctorCheck {
        if let broken = health.chainBreak {
            return DoctorCheck(
                name: "hash_chain", status: .fail,
                detail: "row \(broken.seq): \(broken.reason)",
                hint: "the ledger was edited or damaged; restore it with `arco ledger import FILE` from a good export")
        }
        switch health.tipMismatch {
        case .ledgerTruncated?:
            return DoctorCheck(
                name: "hash_chain", status: .fail,
                detail: "acknowledged events are missing: the projections folded row \(health.meta.appliedSeq) but the ledger ends at \(health.tipSeq) or holds another row there",
                hint: "restore the ledger from an export with `arco ledger import FILE` into a fresh workspace; `arco rebuild` refuses to hide the loss")
        case let mismatch?:
            return DoctorCheck(
                name: "hash_chain", status: .fail, detail: mismatch.description, hint: "fold the missing rows with `arco rebuild`")
        case nil:
            return DoctorCheck(name: "hash_chain", status: .ok, detail: "\(health.events) events, chain intact")
        }
    }

    /// Whether the ledger still reaches an anchor kept elsewhere, with the same row there. The
    /// chain check proves every row links to the one before it, so an intact row at the anchor
    /// proves everything up to it unchanged.
    private func anchorCheck(_ expected: LedgerAnchor, tipSeq: Int64) throws -> DoctorCheck {
        let store = try store()
        let stored: String? = expected.seq == 0
            ? LedgerHash.genesis : try mapStoreErrors { try store.read { try $0.hash(atSeq: expected.seq) } }
        let hint = "acknowledged events were removed or rewritten; restore the ledger with `arco ledger import FILE` from an export that reaches row \(expected.seq)"
        guard let stored else {
            return DoctorCheck(
                name: "expected_tip", status: .fail,
                detail: "the ledger ends at row \(tipSeq), before the expected tip \(expected.seq)", hint: hint)
        }
        guard stored == expected.hash else {
            return DoctorCheck(
                name: "expected_tip", status: .fail,
                detail: "row \(expected.seq) has hash \(stored), not the expected \(expected.hash)", hint: hint)
        }
        return DoctorCheck(
            name: "expected_tip", status: .ok,
            detail: "the ledger reaches row \(expected.seq) with the expected hash (tip: row \(tipSeq))")
    }

    private func projectionsCheck() throws -> DoctorCheck {
        let report = try rebuild(verifyOnly: true)
        guard report.differences.isEmpty else {
            let tables = report.differences.map { "\($0.table) (\($0.onlyLive) live-only, \($0.onlyRebuilt) rebuilt-only)" }
            return DoctorCheck(
                name: "projections", status: .fail,
                detail: "live projections differ from the ledger: " + tables.joined(separator: ", "),
                hint: "replace them with `arco rebuild`")
        }
        return DoctorCheck(
            name: "projections", status: .ok,
            detail: "live projections equal a fresh fold of \(report.eventsFolded) events")
    }
}
