import ArcoCore
import Testing

@Suite struct ScheduleDueTicksTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    static func schedule(
        _ cron: String = "0 * * * *", zone: String = "UTC", catchup: ScheduleDefinition.CatchupPolicy = .latest,
        window: Duration? = nil, maxTicks: Int? = nil
    ) -> ScheduleDefinition {
        ScheduleDefinition(
            name: "s", crons: [try! CronSyntax.parse(cron)], timezone: zone, target: "a", catchup: catchup,
            catchupWindow: window, maxCatchupTicks: maxTicks, status: .running)
    }

    /// Progress with a baseline for `schedule`'s cadence.
    static func progress(_ schedule: ScheduleDefinition, since: String, last: String? = nil) -> ScheduleProgress {
        ScheduleProgress(
            baselineSince: at(since), baselineCadence: ScheduleCadence.key(schedule), lastScheduledFor: last.map(at),
            baselineVersion: 1)
    }

    static func decide(_ schedule: ScheduleDefinition, _ progress: ScheduleProgress, now: String,
        status: AutomationStatus = .running) -> ScheduleDueTicks.Decision
    {
        ScheduleDueTicks.decide(
            schedule, ticks: ScheduleCadence.ticks(schedule)!, status: status, progress: progress, now: at(now))
    }

    static func times(_ decision: ScheduleDueTicks.Decision) -> [String] {
        guard case .ticks(let due, _) = decision else { return [] }
        return due.map { $0.scheduledFor.iso8601 }
    }

    @Test("a first evaluation only sets the baseline: ticks at or before it never run")
    func firstEvaluation() {
        let s = Self.schedule()
        #expect(Self.decide(s, ScheduleProgress(), now: "2024-01-01T05:00:00Z") == .setBaseline(reason: "first evaluation"))
        // A tick exactly at the baseline is not after it.
        #expect(Self.decide(s, Self.progress(s, since: "2024-01-01T05:00:00Z"), now: "2024-01-01T05:00:00Z") == .idle)
        #expect(Self.times(Self.decide(s, Self.progress(s, since: "2024-01-01T05:00:00Z"), now: "2024-01-01T06:00:00Z"))
            == ["2024-01-01T06:00:00.000000Z"])
    }

    @Test("catchup latest runs only the most recent missed tick after downtime")
    func latest() {
        let s = Self.schedule()
        let decision = Self.decide(s, Self.progress(s, since: "2024-01-01T00:00:00Z"), now: "2024-01-01T10:30:00Z")
        #expect(decision == .ticks([.init(scheduledFor: Self.at("2024-01-01T10:00:00Z"))], deferred: 0))
        // After recording it, nothing is due until the next tick.
        let after = Self.progress(s, since: "2024-01-01T00:00:00Z", last: "2024-01-01T10:00:00Z")
        #expect(Self.decide(s, after, now: "2024-01-01T10:59:59Z") == .idle)
    }

    @Test("catchup all runs the window's missed ticks oldest first, at most the cap; later evaluations continue")
    func allWithCapAndWindow() {
        let s = Self.schedule(catchup: .all, window: .seconds(6 * 3600), maxTicks: 2)
        // Down since midnight; the window keeps ticks after 04:30, i.e. 05:00 to 10:00 (six).
        let first = Self.decide(s, Self.progress(s, since: "2024-01-01T00:00:00Z"), now: "2024-01-01T10:30:00Z")
        #expect(Self.times(first) == ["2024-01-01T05:00:00.000000Z", "2024-01-01T06:00:00.000000Z"])
        guard case .ticks(_, let deferred) = first else { Issue.record("expected ticks"); return }
        #expect(deferred == 4)
        let second = Self.decide(
            s, Self.progress(s, since: "2024-01-01T00:00:00Z", last: "2024-01-01T06:00:00Z"), now: "2024-01-01T10:30:00Z")
        #expect(Self.times(second) == ["2024-01-01T07:00:00.000000Z", "2024-01-01T08:00:00.000000Z"])
    }

    @Test("catchup all defaults to a 24-hour window and 5 ticks")
    func allDefaults() {
        let s = Self.schedule(catchup: .all)
        let decision = Self.decide(s, Self.progress(s, since: "2024-01-01T00:00:00Z"), now: "2024-01-03T00:30:00Z")
        #expect(Self.times(decision).first == "2024-01-02T01:00:00.000000Z")
        #expect(Self.times(decision).count == Limits.scheduleMaxCatchupTicks)
    }

    @Test("catchup none runs an on-time tick and records a late one as skipped")
    func none() {
        let s = Self.schedule(catchup: .none)
        let onTime = Self.decide(s, Self.progress(s, since: "2024-01-01T00:00:00Z"), now: "2024-01-01T10:01:00Z")
        #expect(onTime == .ticks([.init(scheduledFor: Self.at("2024-01-01T10:00:00Z"))], deferred: 0))
        let late = Self.decide(s, Self.progress(s, since: "2024-01-01T00:00:00Z"), now: "2024-01-01T10:05:00Z")
        guard case .ticks(let due, _) = late else { Issue.record("expected a tick"); return }
        #expect(due.count == 1)
        #expect(due[0].scheduledFor == Self.at("2024-01-01T10:00:00Z"))
        #expect(due[0].skipReason?.contains("missed by 300s") == true)
    }

    @Test("a changed cron or zone starts over: no tick of the old cron nor from before the change runs")
    func cadenceChange() {
        let old = Self.schedule("0 2 * * *")
        let progress = Self.progress(old, since: "2024-01-01T00:00:00Z", last: "2024-01-01T02:00:00Z")
        let edited = Self.schedule("0 3 * * *")
        #expect(Self.decide(edited, progress, now: "2024-01-05T10:00:00Z") == .setBaseline(reason: "cron or timezone changed"))
        let moved = Self.schedule("0 2 * * *", zone: "Europe/Berlin")
        #expect(Self.decide(moved, progress, now: "2024-01-05T10:00:00Z") == .setBaseline(reason: "cron or timezone changed"))
        // The new baseline is the edit's evaluation: the next day's 03:00 is the first to run.
        let restarted = Self.progress(edited, since: "2024-01-05T10:00:00Z", last: "2024-01-01T02:00:00Z")
        #expect(Self.decide(edited, restarted, now: "2024-01-05T23:00:00Z") == .idle)
        #expect(Self.times(Self.decide(edited, restarted, now: "2024-01-06T03:00:00Z")) == ["2024-01-06T03:00:00.000000Z"])
    }

    @Test("a stopped schedule does nothing, and clears a baseline it kept from running")
    func stopped() {
        let s = Self.schedule()
        #expect(Self.decide(s, ScheduleProgress(), now: "2024-01-01T10:00:00Z", status: .stopped) == .idle)
        #expect(Self.decide(s, Self.progress(s, since: "2024-01-01T00:00:00Z"), now: "2024-01-01T10:00:00Z", status: .stopped)
            == .clearBaseline)
    }

    @Test("a list of crons fires on the union of their ticks")
    func cronUnion() {
        var s = Self.schedule(catchup: .all, window: .seconds(7 * 86_400), maxTicks: 10)
        s.crons = [try! CronSyntax.parse("45 23 * * 6"), try! CronSyntax.parse("30 9 * * 0")]
        let decision = Self.decide(s, Self.progress(s, since: "2024-01-05T00:00:00Z"), now: "2024-01-08T00:00:00Z")
        #expect(Self.times(decision) == ["2024-01-06T23:45:00.000000Z", "2024-01-07T09:30:00.000000Z"])
    }

    @Test("Berlin's daily 01:00 tick fires once on both DST days")
    func berlinDST() {
        let s = Self.schedule("0 1 * * *", zone: "Europe/Berlin", catchup: .all, window: .seconds(3 * 86_400), maxTicks: 10)
        let spring = Self.decide(s, Self.progress(s, since: "2024-03-30T12:00:00Z"), now: "2024-04-01T12:00:00Z")
        #expect(Self.times(spring) == ["2024-03-31T00:00:00.000000Z", "2024-03-31T23:00:00.000000Z"])
        let autumn = Self.decide(s, Self.progress(s, since: "2024-10-26T12:00:00Z"), now: "2024-10-28T12:00:00Z")
        #expect(Self.times(autumn) == ["2024-10-26T23:00:00.000000Z", "2024-10-28T00:00:00.000000Z"])
    }
}

@Suite struct ScheduleStatusResolutionTests {
    @Test("the file's status decides until a start or stop is recorded, which wins after that")
    func precedence() {
        #expect(ScheduleStatusResolution.resolve(declared: .running, recorded: nil) == (.running, .file))
        #expect(ScheduleStatusResolution.resolve(declared: .stopped, recorded: nil) == (.stopped, .file))
        #expect(ScheduleStatusResolution.resolve(declared: .running, recorded: .stopped) == (.stopped, .recorded))
        #expect(ScheduleStatusResolution.resolve(declared: .stopped, recorded: .running) == (.running, .recorded))
    }
}
