import ArcoCore
import ArcoStore
import Foundation
import Synchronization

/// The use cases of one workspace: each operator action is one method, composing the pure core
/// with the store, the clock and the id generator.
///
/// The store is opened on first use, creating `.arco/` (0700) and the database (0600), so a
/// folder holding only an `arco.yaml` is a working workspace.
public final class Engine: @unchecked Sendable {
    /// The workspace.
    public let workspace: Workspace
    /// The clock, ids and store options.
    public let environment: EngineEnvironment
    /// The store once opened. Under a lock: the executor's child tasks and the staleness
    /// read-ahead call `store()` from other threads, and two of them must not open it twice.
    private let openedStore = Mutex<(any WorkspaceStore)?>(nil)

    /// The definitions last parsed, with the bytes they were parsed from. A command that plans
    /// many runs (a backfill, `reconcile run`, a worker) reads `arco.yaml` once per run; parsing
    /// the YAML again was about 5% of a trivial run's CPU. The bytes are read every time, so an
    /// edited file is parsed again at once.
    let parsedDefinitions = Mutex<(bytes: Data, definitions: WorkspaceDefinitions)?>(nil)

    /// Why the current `arco.yaml` was not used, when `keepsLastGoodDefinitions` made the
    /// engine fall back to the last good parse; nil when the file in use is the current one.
    let definitionsProblem = Mutex<OperatorError?>(nil)

    /// Why the current `arco.yaml` is not in use (the daemon logs it once), or nil.
    public var unusedDefinitionsProblem: OperatorError? { definitionsProblem.withLock { $0 } }

    /// Creates an engine; nothing is opened yet.
    public init(workspace: Workspace, environment: EngineEnvironment) {
        self.workspace = workspace
        self.environment = environment
    }

    /// The store, opened (and created, migrated, and refolded after a fold upgrade) on first use.
    public func store() throws -> any WorkspaceStore {
        try openedStore.withLock { opened in
            if let opened { return opened }
            let store = try openStore()
            opened = store
            return store
        }
    }

    /// Opens the store: creates the state folder, then the SQLite file or the PostgreSQL schema,
    /// migrates, refolds if needed. The state folder is made for either store: step logs and
    /// worker logs live in it on every host.
    private func openStore() throws -> any WorkspaceStore {
        try workspace.ensureStateFolder(allowedLinkTargets: environment.stateLinkTargets)
        let store: any WorkspaceStore
        switch environment.store {
        case .sqlite:
            let options = SQLiteStore.Options(
                synchronousFull: environment.synchronousFull,
                busyTimeoutMilliseconds: environment.busyTimeoutMilliseconds, create: true, fence: environment.fence)
            store = try mapStoreErrors { try SQLiteStore(path: workspace.databasePath, options: options) }
        case .postgres(let url):
            let options = PostgresStore.Options(
                busyTimeoutMilliseconds: environment.busyTimeoutMilliseconds, fence: environment.fence)
            store = try mapStoreErrors { try PostgresStore(url: url, options: options) }
        }
        try refoldIfOutdated(store)
        return store
    }

    /// Projections folded by a different fold version are rebuilt before anyone reads them.
    private func refoldIfOutdated(_ store: any WorkspaceStore) throws {
        // The tip, not a count: this runs on every command's start and must not scan the ledger.
        let (meta, tip) = try mapStoreErrors { try store.read { (try $0.meta(), try $0.tip().seq) } }
        if meta.foldVersion > Fold.version {
            // An older build must not refold with its older rules what a newer build folded.
            throw OperatorError(
                storeError: .newerFold(stored: meta.foldVersion, known: Fold.version), workspace: workspace, store: environment.store)
        }
        // An empty store is refolded too: that is instant, and stamps the current fold version.
        guard meta.foldVersion < Fold.version || (tip == 0 && meta.foldVersion != Fold.version) else { return }
        _ = try mapStoreErrors { try store.rebuild(verifyOnly: false) }
    }

    /// Appends events and folds them in one transaction (the single entry point for writes).
    /// - Returns: what was appended, what the fold did, and which keys were duplicates.
    @discardableResult
    public func record(_ drafts: [EventDraft]) throws -> AppendResult {
        let store = try store()
        let now = environment.clock.now()
        let identified = drafts.map { ($0, environment.ids.makeEventID(at: now)) }
        return try mapStoreErrors { try store.write { try $0.append(identified, recordedAt: now) } }
    }

    /// Runs `body`, translating store failures into operator errors with hints.
    func mapStoreErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw OperatorError(storeError: error, workspace: workspace, store: environment.store)
        }
    }
}

extension OperatorError {
    /// The operator's view of a store failure: exit code, message and what to do.
    public init(storeError error: StoreError, workspace: Workspace, store: StoreSelection = .sqlite) {
        if case .postgres = store, let remote = Self.postgresStoreError(error, store: store) {
            self = remote
            return
        }
        let database = store == .sqlite ? workspace.databasePath : store.displayName
        switch error {
        case .busy(let waited):
            self.init(
                .tempFail, "the store '\(database)' is busy: another arco process held it for \(waited) ms",
                hint: "retry the command; raise the wait with `ARCO_BUSY_TIMEOUT_MS=60000 arco …`")
            storeCondition = .busy
        case .corrupt(_, let detail):
            self.init(
                .ioError, "the store '\(database)' is corrupt: \(detail)",
                hint: "restore it from an export with `arco ledger import FILE` into a fresh workspace")
        case .unavailable(_, let detail):
            self.init(
                .unavailable, "cannot open the store '\(database)': \(detail)",
                hint: "check the file and folder permissions with `ls -l \(workspace.stateFolder)`")
        case .diskFull(_, let detail):
            // 74, not 75: nothing changed, but retrying before someone frees space fails again,
            // and scripts loop on 75 (docs/adr/0016-full-disk.md).
            self.init(
                .ioError,
                "the disk holding the store '\(database)' is full (\(detail)); nothing acknowledged was lost: what could not be written was rolled back",
                hint: "free space on that disk (see `df -h \(workspace.stateFolder)`), then run the command again")
            storeCondition = .diskFull
        case .chainBroken(let broken):
            self.init(
                .ioError, "the ledger's hash chain is broken at row \(broken.seq): \(broken.reason)",
                hint: "run `arco doctor` for details, then restore from an export with `arco ledger import`")
        case .unknownValue:
            self.init(
                .ioError, "the projections are damaged: \(error.description)",
                hint: "rebuild them from the ledger with `arco rebuild`")
        case .undecodable(let decoding):
            self.init(
                .ioError, decoding.description, hint: "run `arco doctor` to check the ledger")
        case .notEmpty(let events):
            self.init(
                .dataError, "the store '\(database)' already holds \(events) events",
                hint: "import into a new workspace: `mkdir new && cp arco.yaml new/ && arco --workspace new ledger import FILE`")
        case .newerSchema(let unknown):
            self.init(
                .unavailable, "the store was written by a newer arco (migrations \(unknown.joined(separator: ", ")))",
                hint: "upgrade arco; check the version with `arco --version`")
        case .newerFold:
            self.init(.unavailable, error.description, hint: "upgrade arco; check the version with `arco --version`")
        case .projectionsBehind:
            self.init(.ioError, error.description, hint: "fold the missing rows with `arco rebuild`")
        case .ledgerTruncated:
            self.init(
                .ioError, "acknowledged events are missing: \(error.description)",
                hint: "restore the ledger from an export with `arco ledger import FILE` into a fresh workspace")
        case .invalidImport(let reason):
            self.init(
                .dataError, "the export is not a valid ledger: \(reason)",
                hint: "produce exports with `arco ledger export > ledger.jsonl`")
        case .symbolicLink(let path, _):
            self.init(.ioError, error.description, hint: "remove the link with `rm '\(path)'`")
        case .fenced(_, let mine, let current):
            self.init(
                .tempFail, error.description,
                hint: "see who leads with `arco daemon status`; this daemon waits as a standby")
            storeCondition = .fenced(mine: mine, current: current)
        case .sqlite(let code, let message, _):
            self.init(
                .ioError, "SQLite error \(code) on '\(database)': \(message)",
                hint: "run `arco doctor` to check the store")
        case .postgres(let sqlState, let message, _):
            // 74 for now, a lost connection included; issue 21 will tell a retryable loss (75) apart.
            self.init(
                .ioError, "PostgreSQL error \(sqlState) on '\(database)': \(message)",
                hint: "run `arco doctor` to check the store")
        }
    }
}
