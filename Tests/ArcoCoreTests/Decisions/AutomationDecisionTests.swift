import ArcoCore
import Testing

/// The `automation:` conditions on staleness rows (issue 6).
@Suite struct AutomationDecisionTests {
    static let now = Timestamp(secondsSinceEpoch: 1_704_110_400)  // 2024-01-01T12:00:00Z

    static func row(_ partition: String?, _ reason: StaleReason?) -> StalenessRow {
        guard let reason else { return .fresh("a", partition) }
        return StalenessRow(asset: "a", partition: partition, status: reason.status, reason: reason, cause: .neverMaterialized, since: nil)
    }

    static func decide(
        _ condition: AutomationPolicy.Condition, _ rows: [StalenessRow], enabled: Bool = true, inProgress: Set<String> = [],
        upstreamMissing: Bool = false, materializedAt: Timestamp? = nil, upstreamAt: Timestamp? = nil
    ) -> AutomationDecision.Outcome {
        AutomationDecision.decide(
            AutomationDecision.Inputs(
                asset: "a", policy: AutomationPolicy(condition: condition, isEnabled: enabled), rows: rows, candidates: nil,
                inProgress: inProgress, upstreamMissing: { _ in upstreamMissing }, materializedAt: { _ in materializedAt },
                upstreamUpdated: { _, tick in upstreamAt.map { $0 >= tick } ?? false }),
            now: now)
    }

    @Test("eager asks for missing and upstream-changed partitions, waits on missing or stale upstream, skips runs in flight")
    func eager() {
        let rows = [
            Self.row("p1", nil), Self.row("p2", .upstreamChanged), Self.row("p3", .neverMaterialized),
            Self.row("p4", .upstreamStale), Self.row("p5", .codeChanged), Self.row("p6", .upstreamChanged),
        ]
        let outcome = Self.decide(.eager, rows, inProgress: ["p6"])
        #expect(outcome.requests.map(\.partition) == ["p2", "p3"])
        #expect(outcome.skipReason == "1 partition waits for missing or stale upstream partitions; 1 partition has a run in flight")
        var hidden = Self.row("p7", .upstreamChanged)
        hidden.upstreamCauses = [.upstreamStale(asset: "up", partition: "p7", reason: .codeChanged)]
        #expect(Self.decide(.eager, [hidden]).requests.isEmpty, "a stale upstream behind UPSTREAM_CHANGED still blocks")
        #expect(Self.decide(.eager, [Self.row("p3", .neverMaterialized)], upstreamMissing: true).requests.isEmpty)
    }

    @Test("on_missing asks once per missing partition, with a stable key")
    func onMissing() {
        let outcome = Self.decide(.onMissing, [Self.row("p1", .neverMaterialized), Self.row("p2", .upstreamChanged)])
        #expect(outcome.requests == [AutomationDecision.Request(partition: "p1", runKey: "automation:a:p1:missing")])
        #expect(Self.decide(.onMissing, [Self.row(nil, .neverMaterialized)], enabled: false).skipReason == "disabled (enabled: false)")
    }

    @Test("on_cron asks for the latest partition once per tick, after its upstream updated since the tick")
    func onCron() throws {
        let cron = AutomationPolicy.Condition.onCron(try CronSyntax.parse("0 * * * *"), timezone: "UTC")
        let tick = Self.now  // 12:00 is itself a tick
        let rows = [Self.row("p1", nil), Self.row("p2", nil)]
        let waiting = Self.decide(cron, rows, materializedAt: Timestamp(secondsSinceEpoch: tick.secondsSinceEpoch - 60))
        #expect(waiting.requests.isEmpty)
        #expect(waiting.skipReason?.contains("waiting for upstream") == true)
        let ready = Self.decide(
            cron, rows, materializedAt: Timestamp(secondsSinceEpoch: tick.secondsSinceEpoch - 60), upstreamAt: tick)
        #expect(ready.requests == [AutomationDecision.Request(partition: "p2", runKey: "automation:a:p2:cron:\(tick.secondsSinceEpoch)")])
        #expect(Self.decide(cron, rows, materializedAt: tick, upstreamAt: tick).requests.isEmpty, "already done since the tick")
    }
}
