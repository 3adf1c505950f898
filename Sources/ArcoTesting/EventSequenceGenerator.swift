import ArcoCore

/// Generates realistic event sequences from a seed: runs with linear and branching plans, steps
/// that start, retry, fail or succeed, cancels, lost workers, dynamic partitions, run-key reuse
/// and unknown event types. Used by the fold property tests and the benchmark.
public struct EventSequenceGenerator {
    private var state: UInt64
    /// A second stream for schedule and sensor events, so that adding kinds of them never
    /// changes the runs a seed generates (tests pick seeds for what their runs reach).
    private var automationState: UInt64

    /// Creates a generator; the same seed always yields the same sequence.
    public init(seed: UInt64) {
        self.state = seed &+ 0x9E37_79B9_7F4A_7C15
        self.automationState = seed ^ 0xD1B5_4A32_D192_ED03
    }

    private mutating func next() -> UInt64 {
        // SplitMix64: tiny, fast and good enough for test data.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// `below` on the automation stream.
    private mutating func automationBelow(_ bound: Int) -> Int {
        swap(&state, &automationState)
        defer { swap(&state, &automationState) }
        return below(bound)
    }

    /// Drafts for `runs` runs plus some automation noise.
    public mutating func drafts(runs: Int) -> [EventDraft] {
        var drafts = [EventDraft]()
        for index in 0..<runs {
            drafts.append(contentsOf: runDrafts(index))
            if below(10) == 0 {
                drafts.append(
                    EventDraft(
                        DynamicPartitionsChanged(
                            partitionsDef: "events", added: ["k\(below(20))", "k\(below(20))"].uniqued(),
                            removed: below(2) == 0 ? ["k\(below(20))"] : [], stateVersion: Int64(below(4) + 1))))
            }
            // The first ones fixed, then one in six: every seed's projections hold schedule and
            // sensor rows.
            if index == 0 || automationBelow(6) == 0 { drafts.append(contentsOf: scheduleDrafts(index)) }
            if index < 2 || automationBelow(6) == 0 { drafts.append(sensorDraft(index)) }
            if below(25) == 0 {
                drafts.append(
                    EventDraft(
                        unknownType: "FutureThing", version: 1, payload: ["n": .int(Int64(index))],
                        idempotencyKey: IdempotencyKey("future:\(index)")))
            }
        }
        return drafts
    }

    /// A schedule's life: baselines, start and stop (versions that repeat or skip, so some are
    /// rejected), and ticks that trigger, skip or fail, some of them evaluated twice.
    private mutating func scheduleDrafts(_ index: Int) -> [EventDraft] {
        let schedule = ["nightly", "hourly"][automationBelow(2)]
        let tick = Timestamp(secondsSinceEpoch: 1_704_067_200 + Int64(automationBelow(6)) * 3600)
        switch index == 0 ? 2 : automationBelow(4) {
        case 0:
            return [EventDraft(ScheduleBaselineSet(
                schedule: schedule, since: automationBelow(3) == 0 ? nil : tick, cadence: "UTC 0 * * * *",
                reason: "test", baselineVersion: Int64(automationBelow(3) + 1)))]
        case 1:
            return [EventDraft(ScheduleStateChanged(
                schedule: schedule, status: automationBelow(2) == 0 ? .running : .stopped, stateVersion: Int64(automationBelow(3) + 1)))]
        default:
            let status = TickStatus.allCases[automationBelow(TickStatus.allCases.count)]
            let triggered = status == .triggered
            return [EventDraft(ScheduleTicked(
                schedule: schedule, scheduledFor: tick, status: status,
                skipReason: status == .skipped ? "no partition yet" : nil, error: status == .failed ? "unknown asset" : nil,
                runKey: triggered ? RunKey("sched:\(schedule):\(tick.secondsSinceEpoch)") : nil,
                runID: triggered ? RunID("run-sched-\(index)") : nil))]
        }
    }

    /// A sensor's life: start and stop, cursor changes and evaluations, each carrying a state
    /// version that may be stale (the fold's compare-and-set then records them as such), some
    /// pushes delivered twice.
    private mutating func sensorDraft(_ index: Int) -> EventDraft {
        let sensor = ["orders_poll", "inbox_push"][automationBelow(2)]
        // Versions 0 and 1: often the next one of a young sensor, sometimes stale.
        let version = index == 0 ? 0 : Int64(automationBelow(2))
        // A start, then an evaluation, then chance.
        switch index < 2 ? index * 2 : automationBelow(4) {
        case 0:
            return EventDraft(SensorStateChanged(sensor: sensor, status: automationBelow(2) == 0 ? .running : .stopped, stateVersion: version + 1))
        case 1:
            return EventDraft(SensorCursorSet(sensor: sensor, cursor: automationBelow(3) == 0 ? nil : "c-\(automationBelow(5))", stateVersion: version + 1))
        default:
            let statuses: [SensorEvalStatus] = [.triggered, .noNewData, .skipped, .error]
            let push = sensor == "inbox_push"
            let message = "m-\(automationBelow(6))"
            return EventDraft(SensorEvaluated(
                sensor: sensor, evalID: push ? "\(sensor):msg:\(message)" : "\(sensor):poll:\(index)",
                trigger: push ? .push(messageID: message) : .poll(epochSeconds: 1_704_067_200 + Int64(index)),
                cursorBefore: "c-\(automationBelow(5))", cursorAfter: "c-\(automationBelow(5))", expectedStateVersion: version,
                status: statuses[automationBelow(statuses.count)], message: automationBelow(2) == 0 ? nil : "why",
                payload: push ? Array("payload \(index)".utf8) : nil))
        }
    }

    private mutating func runDrafts(_ index: Int) -> [EventDraft] {
        let run = "run-" + String(String(index + 1_000_000).dropFirst())
        let assets = ["raw", "clean", "report"].prefix(1 + below(3)).map { $0 }
        let reuseKey = below(8) == 0
        var request = EventBuilders.runRequested(
            run, assets: assets, runKey: reuseKey ? "key-\(below(3))" : nil, fingerprint: "fp-\(below(2))")
        if below(4) == 0 {
            // A branch beside the chain: its fate must not depend on the chain's failures.
            request.steps.append(PlannedStep(stepKey: "side", asset: "side", dependsOn: [request.steps[0].stepKey]))
        }
        if below(3) == 0 {
            // A partitioned run: every step covers one day, with its canonical identity.
            let day = "2024-01-" + String(String(below(28) + 101).dropFirst())
            request.steps = request.steps.map { step in
                var step = step
                step.partition = day
                step.canonicalPartitions = ["key=d:" + day]
                return step
            }
        }
        var drafts = [EventDraft(request)]
        drafts.append(EventDraft(RunStarted(runID: RunID(run), number: 1, pid: 100, host: "h")))
        if below(15) == 0 {
            drafts.append(EventDraft(RunCancelRequested(runID: RunID(run), reason: "test")))
        }
        for asset in request.steps.map(\.asset) {
            let attempts = 1 + below(2)
            for attempt in 1...attempts {
                drafts.append(EventDraft(EventBuilders.stepStarted(run, asset, attempt: Int64(attempt))))
                let last = attempt == attempts
                let roll = below(12)
                let outcome: StepOutcome = last ? (roll < 2 ? .failed : roll == 2 ? .canceled : .succeeded) : .failed
                if outcome == .succeeded, let step = request.steps.first(where: { $0.asset == asset }) {
                    drafts.append(
                        EventDraft(
                            AssetMaterialized(
                                asset: asset, partition: step.partition, runID: RunID(run), stepKey: step.stepKey,
                                attempt: Int64(attempt), codeVersion: "1", dataVersion: "dv-\(below(4))",
                                consumed: [ConsumedVersion(asset: "upstream", partition: step.partition, dataVersion: "u1")],
                                canonicalPartition: step.canonicalPartitions.first)))
                }
                drafts.append(
                    EventDraft(
                        EventBuilders.stepFinished(run, asset, attempt: Int64(attempt), outcome: outcome, willRetry: !last)))
            }
        }
        if below(20) == 0 {
            drafts.append(EventDraft(RunWorkerLost(runID: RunID(run), number: 1, reason: "pid 100 gone")))
        }
        return drafts
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
