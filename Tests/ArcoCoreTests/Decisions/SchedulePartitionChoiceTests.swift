import ArcoCore
import Testing

@Suite struct SchedulePartitionChoiceTests {
    static func daily(_ zone: String = "Europe/Berlin") throws -> PartitionSet {
        let definition = TimeWindowPartitions(
            cadence: .daily(minuteOffset: 0, hourOffset: 0), start: WallDateTime.parse("2024-01-01")!, timezone: zone)
        return .timeWindow(try TimeWindowPartitionSet(definition))
    }

    @Test("latest asks for the last partition whose window ended at the tick: 01:00 asks for the day before")
    func latestEnded() throws {
        let set = try Self.daily()
        let tick = Timestamp(iso8601: "2024-03-31T00:00:00Z")!  // 01:00 in Berlin
        #expect(SchedulePartitionChoice.choose(.latest, partitioned: [("daily", set)], tick: tick) == .key("2024-03-30"))
    }

    @Test("latest before the first window ends skips the tick with the reason")
    func latestNoneYet() throws {
        let set = try Self.daily()
        let tick = Timestamp(iso8601: "2024-01-01T12:00:00Z")!
        guard case .skip(let reason) = SchedulePartitionChoice.choose(.latest, partitioned: [("daily", set)], tick: tick)
        else { Issue.record("expected a skip"); return }
        #expect(reason.contains("'daily'"))
    }

    @Test("latest on a target spanning two definitions, or on static partitions, fails naming them")
    func latestAmbiguous() throws {
        let tick = Timestamp(iso8601: "2024-03-31T00:00:00Z")!
        let two = SchedulePartitionChoice.choose(.latest, partitioned: [("a", try Self.daily()), ("b", try Self.daily("UTC"))], tick: tick)
        guard case .fail(let error) = two else { Issue.record("expected a failure"); return }
        #expect(error.contains("'a', 'b'"))
        let keyed = SchedulePartitionChoice.choose(.latest, partitioned: [("region", .keys(["us"]))], tick: tick)
        guard case .fail = keyed else { Issue.record("expected a failure"); return }
    }

    @Test("an explicit key, none, and an unpartitioned target")
    func others() {
        let tick = Timestamp(secondsSinceEpoch: 0)
        #expect(SchedulePartitionChoice.choose(.key("us"), partitioned: [], tick: tick) == .key("us"))
        #expect(SchedulePartitionChoice.choose(.none, partitioned: [], tick: tick) == .unpartitioned)
        #expect(SchedulePartitionChoice.choose(.latest, partitioned: [], tick: tick) == .unpartitioned)
    }
}
