import ArcoCore
import ArcoEngine
import Testing

@Suite("Workspace schedules")
struct WorkspaceSchedulesTests {
    static let assets = """
        version: 1
        assets:
          raw_orders: {command: x}

        """

    @Test("decodes a schedule and applies Dagster's defaults")
    func decodes() throws {
        let definitions = try WorkspaceYAML.load(Self.assets + """
            schedules:
              nightly: {cron: "0 2 * * *", timezone: America/New_York, target: "raw_orders+",
                        partition: latest, catchup: all, catchup_window: 6h,
                        max_catchup_ticks: 3, status: running, tags: {kind: nightly}}
              plain: {cron: "@hourly", target: raw_orders}
              keyed: {cron: "0 0 * * *", target: raw_orders, partition: "latest"}
              unpartitioned: {cron: "0 0 * * *", target: raw_orders, partition: none}
            """)
        let nightly = try #require(definitions.schedule("nightly"))
        #expect(nightly.crons.map(\.text) == ["0 2 * * *"])
        #expect(nightly.timezone == "America/New_York")
        #expect(nightly.target == "raw_orders+")
        #expect(nightly.partition == .latest)
        #expect(nightly.catchup == .all)
        #expect(nightly.catchupWindow == .seconds(6 * 3600))
        #expect(nightly.maxCatchupTicks == 3)
        #expect(nightly.status == .running)
        #expect(nightly.tags == ["kind": "nightly"])
        let plain = try #require(definitions.schedule("plain"))
        #expect(plain.timezone == "UTC" && plain.status == .stopped && plain.catchup == .latest)
        #expect(plain.partition == .latest && plain.catchupWindow == nil && plain.tags.isEmpty)
        #expect(definitions.schedule("keyed")?.partition == .key("latest"))
        #expect(definitions.schedule("unpartitioned")?.partition
            == ScheduleDefinition.PartitionSelection.none)
        #expect(definitions.locations.scheduleTargets["plain"] == WorkspaceYAML.at(8, 36))
        #expect(definitions.summary.schedules == 4)
    }

    @Test("reports cron, time zone, target and policy problems")
    func problems() {
        #expect(WorkspaceYAML.report(Self.assets + """
            schedules:
              a: {cron: "*/90 * * * *", target: raw_orders}
              b: {cron: "0 0 31 4 *", timezone: Mars/Olympus, target: raw_orders}
              c: {cron: "0 0 * * 5L", target: raw_orders, status: on}
              d: {target: raw_orders, catchup: some, max_catchup_ticks: 0}
              e: {cron: "0 0 * * *", target: "", catchup_window: 0s, every: 1h}
            """) == [
            "arco.yaml:5:13: invalid cron '*/90 * * * *' for 'cron' of schedule 'a': step 90 in "
                + "the minute field is out of range 1-59; a step must be between 1 and 59; Dagster "
                + "would silently fire on the first value only",
            "arco.yaml:6:13: invalid cron '0 0 31 4 *' for 'cron' of schedule 'b': never fires: "
                + "April has 30 days; pick a day that exists in those months, or 'L' for the last "
                + "day of the month",
            "arco.yaml:6:37: unknown time zone 'Mars/Olympus' for 'timezone' of schedule 'b'; "
                + "use an IANA name such as 'UTC' or 'America/New_York'",
            "arco.yaml:7:13: invalid cron '0 0 * * 5L' for 'cron' of schedule 'c': invalid "
                + "day-of-week value '5L'; write 'L' before the weekday, e.g. 'L5' for the last "
                + "Friday of the month",
            "arco.yaml:7:55: unknown value 'on' for 'status' of schedule 'c'; use one of running, "
                + "stopped",
            "arco.yaml:8:6: missing required key 'cron' in schedule 'd'",
            "arco.yaml:8:36: unknown value 'some' for 'catchup' of schedule 'd'; did you mean "
                + "'none'?",
            "arco.yaml:8:61: 'max_catchup_ticks' of schedule 'd' must be at least 1, found 0",
            "arco.yaml:9:34: 'target' of schedule 'e' must not be empty",
            "arco.yaml:9:54: 'catchup_window' of schedule 'e' must be longer than zero",
            "arco.yaml:9:58: unknown key 'every' in schedule 'e'; valid keys: catchup, "
                + "catchup_window, cron, max_catchup_ticks, partition, status, tags, target, "
                + "timezone",
        ])
    }
}
