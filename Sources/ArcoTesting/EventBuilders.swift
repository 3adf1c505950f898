import ArcoCore

/// Builders for events with sane defaults, and a ledger-in-memory that numbers and chains them
/// exactly as the store does.
public enum EventBuilders {
    /// A run request for a linear chain of steps `a -> b -> …` (one step per asset).
    public static func runRequested(
        _ run: String, assets: [String] = ["a"], runKey: String? = nil, fingerprint: String? = nil
    ) -> RunRequested {
        var steps = [PlannedStep]()
        for (index, asset) in assets.enumerated() {
            steps.append(
                PlannedStep(
                    stepKey: StepKey(asset), asset: asset,
                    dependsOn: index == 0 ? [] : [StepKey(assets[index - 1])]))
        }
        return RunRequested(
            runID: RunID(run), runKey: runKey.map(RunKey.init), fingerprint: fingerprint ?? "fp-\(run)",
            selection: assets.joined(separator: ","), trigger: RunTrigger(kind: .manual), steps: steps)
    }

    /// A step start.
    public static func stepStarted(_ run: String, _ step: String, attempt: Int64 = 1) -> StepStarted {
        StepStarted(runID: RunID(run), stepKey: StepKey(step), attempt: attempt, attemptID: AttemptID("\(run)/\(step)/\(attempt)"))
    }

    /// A step end.
    public static func stepFinished(
        _ run: String, _ step: String, attempt: Int64 = 1, outcome: StepOutcome = .succeeded, willRetry: Bool = false
    ) -> StepFinished {
        StepFinished(
            runID: RunID(run), stepKey: StepKey(step), attempt: attempt, attemptID: AttemptID("\(run)/\(step)/\(attempt)"),
            outcome: outcome, exitCode: outcome == .succeeded ? 0 : 1, willRetry: willRetry)
    }
}

/// Turns drafts into chained ledger rows and decoded events, like an append would.
public struct LedgerBuilder {
    private var tip = (seq: Int64(0), hash: LedgerHash.genesis)
    private var seen = Set<IdempotencyKey>()
    /// The time each row gets; advanced one second per row.
    public var time = Timestamp(secondsSinceEpoch: 1_704_067_200)
    /// Rows built so far.
    public private(set) var rows = [LedgerRow]()

    /// Creates an empty ledger.
    public init() {}

    /// Appends drafts, dropping duplicates by idempotency key (the ledger's gate).
    public mutating func append(_ drafts: [EventDraft]) {
        for draft in drafts where seen.insert(draft.idempotencyKey).inserted {
            let row = LedgerRow(
                draft: draft, seq: tip.seq + 1, eventID: EventID("evt-\(tip.seq + 1)"), recordedAt: time,
                previousHash: tip.hash)
            rows.append(row)
            tip = (row.seq, row.hash)
            time = Timestamp(microsecondsSinceEpoch: time.microsecondsSinceEpoch + 1_000_000)
        }
    }

    /// Builds events without the gate, numbering every draft (to feed the fold duplicates).
    /// With `fixedTime`, every row gets the same `recordedAt`, so that reorderings compare equal.
    public static func eventsWithoutGate(_ drafts: [EventDraft], fixedTime: Bool = false) -> [Event] {
        var events = [Event]()
        var previous = LedgerHash.genesis
        for (index, draft) in drafts.enumerated() {
            let row = LedgerRow(
                draft: draft, seq: Int64(index + 1), eventID: EventID("evt-\(index + 1)"),
                recordedAt: Timestamp(secondsSinceEpoch: 1_704_067_200 + (fixedTime ? 0 : Int64(index))),
                previousHash: previous)
            previous = row.hash
            events.append(Event(row: row, payload: draft.payload))
        }
        return events
    }

    /// The rows decoded into events.
    public var events: [Event] {
        rows.map { row in Event(row: row, payload: (try? row.decoded().payload) ?? .unknown(type: row.type, version: row.version)) }
    }
}
