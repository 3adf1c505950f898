import ArcoCore

/// What `arco backfill create` asks for.
public struct BackfillRequestOptions: Sendable {
    /// The asset selection (`--select`).
    public var selection: String
    /// Which partitions.
    public var selector: PartitionSelector
    /// `--only`: narrow to partitions in this status at creation.
    public var only: BackfillOnly?
    /// `--idempotency-key`; without one every request creates a backfill.
    public var idempotencyKey: String?
    public var chunkSize: Int
    public var maxConcurrentRuns: Int
    /// `--allow-partial`: keep targets whose upstream partitions are neither in the backfill nor
    /// materialized (`BackfillResolver.partialTargets`).
    public var allowPartial = false

    public init(
        selection: String, selector: PartitionSelector, only: BackfillOnly? = nil, idempotencyKey: String? = nil,
        chunkSize: Int = BackfillRequestOptions.defaultChunkSize,
        maxConcurrentRuns: Int = BackfillRequestOptions.defaultMaxConcurrentRuns
    ) {
        self.selection = selection
        self.selector = selector
        self.only = only
        self.idempotencyKey = idempotencyKey
        self.chunkSize = chunkSize
        self.maxConcurrentRuns = maxConcurrentRuns
    }

    /// Targets planned per chunk: large enough that planning is a small share of a pass, small
    /// enough that one transaction stays short.
    public static let defaultChunkSize = 100
    /// Runs of one backfill at once; each is a worker process, so a few per core.
    public static let defaultMaxConcurrentRuns = 4
}

/// What creating a backfill found or did.
public struct BackfillCreation: Sendable {
    public var backfill: BackfillRow
    /// The idempotency key already named this request.
    public var existing: Bool
    /// Targets left out because what they read is incomplete (without `--allow-partial`).
    public var leftOut: [BackfillTarget] = []
}

/// What `--dry-run` prints: the resolution and the plan, nothing written.
public struct BackfillPreview: Sendable {
    public var selection: String
    public var selector: PartitionSelector
    public var assets: [(asset: String, count: Int, first: String?, last: String?)]
    public var total: Int
    public var runs: Int
    public var chunks: Int
    /// Targets left out because what they read is incomplete (without `--allow-partial`).
    public var leftOut: [BackfillTarget] = []
}
