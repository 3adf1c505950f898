import ArcoCore
import ArcoEngine
import Testing

@Suite("Workspace partitions definitions")
struct WorkspacePartitionsTests {
    @Test("decodes every kind of definition with its defaults")
    func decodesKinds() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              hourly: {type: hourly, start: 2024-03-09-20:00, minute_offset: 30}
              daily: {type: daily, start: 2024-01-01, timezone: America/New_York}
              weekly: {type: weekly, start: 2024-01-01, day_offset: 1, hour_offset: 9}
              monthly: {type: monthly, start: 2023-02-01, day_offset: 31, end: 2024-03-01}
              custom:
                type: time_window
                cron: "0 */4 * * *"
                start: 2024-01-01-00:00
                fmt: "%Y-%m-%d-%H:%M"
                end_offset: -2
                exclusions: ["0 0 * * 6,0", 2024-12-25]
              region: {type: static, keys: [us, eu, apac]}
              events: {type: dynamic}
              by_day_region: {type: multi, dimensions: {region: region, date: daily}}
            """)
        #expect(definitions.partitions.map(\.name.rawValue) == [
            "hourly", "daily", "weekly", "monthly", "custom", "region", "events", "by_day_region",
        ])
        let hourly = try #require(definitions.partitionsDefinition("hourly")?.timeWindow)
        #expect(hourly.cadence == .hourly(minuteOffset: 30))
        #expect(hourly.format == "%Y-%m-%d-%H:%M")
        #expect(hourly.timezone == "UTC")
        #expect(hourly.start.description == "2024-03-09T20:00:00")
        #expect(hourly.cronExpression == "30 * * * *")
        let daily = try #require(definitions.partitionsDefinition("daily")?.timeWindow)
        #expect(daily.cadence == .daily(minuteOffset: 0, hourOffset: 0))
        #expect(daily.timezone == "America/New_York" && daily.format == "%Y-%m-%d")
        let weekly = try #require(definitions.partitionsDefinition("weekly")?.timeWindow)
        #expect(weekly.cronExpression == "0 9 * * 1")
        let monthly = try #require(definitions.partitionsDefinition("monthly")?.timeWindow)
        #expect(monthly.cadence == .monthly(minuteOffset: 0, hourOffset: 0, dayOffset: 31))
        #expect(monthly.end?.description == "2024-03-01T00:00:00")
        let custom = try #require(definitions.partitionsDefinition("custom")?.timeWindow)
        #expect(custom.cronExpression == "0 */4 * * *")
        #expect(custom.endOffset == -2)
        #expect(custom.exclusions.count == 2)
        if case .dateTime(let date) = custom.exclusions.last {
            #expect(date.description == "2024-12-25T00:00:00")
        } else {
            Issue.record("expected a date exclusion, got \(custom.exclusions)")
        }
        #expect(definitions.partitionsDefinition("region")?.staticPartitions?.keys
            == ["us", "eu", "apac"])
        #expect(definitions.partitionsDefinition("events")?.kind == .dynamic)
        let multi = try #require(definitions.partitionsDefinition("by_day_region")?.multi)
        #expect(multi.dimensions == [
            MultiPartitionDimension(name: "date", partitions: "daily"),
            MultiPartitionDimension(name: "region", partitions: "region"),
        ])
    }

    @Test("a multi definition may have three dimensions but not one")
    func multiDimensionCount() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              a: {type: static, keys: [x]}
              b: {type: static, keys: [y]}
              c: {type: dynamic}
              abc: {type: multi, dimensions: {a: a, b: b, c: c}}
            """)
        #expect(definitions.partitionsDefinition("abc")?.multi?.dimensions.count == 3)
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              a: {type: static, keys: [x]}
              only: {type: multi, dimensions: {a: a}}
            """) == [
            "arco.yaml:4:35: multi partitions definition 'only' has 1 dimension; it needs at "
                + "least 2; use the other definition directly, or add a dimension"
        ])
    }

    @Test("multi dimensions must be static, dynamic or time-window, with joinable keys")
    func multiDimensionRules() {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              a: {type: static, keys: ["a,b", c]}
              d: {type: dynamic}
              m1: {type: multi, dimensions: {x: a, y: d}}
              m2: {type: multi, dimensions: {x: m1, y: dd}}
            """) == [
            "arco.yaml:5:37: static key 'a,b' of 'a' cannot be used in dimension 'x' of "
                + "partitions definition 'm1': it contains ','; multi keys are joined with '|' and "
                + "listed with ',' and '[]'; rename the key",
            "arco.yaml:6:37: dimension 'x' of partitions definition 'm2' refers to multi "
                + "definition 'm1'; a dimension must be a static, dynamic or time-window "
                + "definition",
            "arco.yaml:6:44: unknown partitions definition 'dd' in dimension 'y' of partitions "
                + "definition 'm2'; did you mean 'd'?",
        ])
    }

    @Test("a time-window format with a multi separator cannot be a dimension")
    func multiTimeFormat() throws {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              days: {type: daily, start: 2024-01-01, fmt: "%Y|%m|%d"}
              r: {type: static, keys: [eu]}
              m: {type: multi, dimensions: {x: days, y: r}}
            """) == [
            "arco.yaml:5:36: format '%Y|%m|%d' of 'days' cannot be used in dimension 'x' of partitions "
                + "definition 'm': its keys would contain '|'; multi keys are joined with '|' and listed with "
                + "',' and '[]'; set another fmt, e.g. fmt: \"%Y-%m-%d\"",
        ])
        // On its own the format is fine.
        let alone = try WorkspaceYAML.load("""
            version: 1
            partitions:
              days: {type: daily, start: 2024-01-01, fmt: "%Y|%m|%d"}
            """)
        #expect(alone.partitions.count == 1)
    }

    @Test("static keys follow Dagster's rules")
    func staticKeyRules() {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              s: {type: static, keys: [a, a, "x...y", "tab\\there", ""]}
              c1: {type: static, keys: ["next\\u0085line", "csi\\u009b", "ok\\u00a0"]}
            """) == [
            "arco.yaml:3:31: duplicate partition key 'a' in partitions definition 's'; "
                + "partition keys must be unique",
            "arco.yaml:3:34: partition key 'x...y' of partitions definition 's' contains '...'; "
                + "'...' is reserved for key ranges such as '2024-01-01...2024-01-31'",
            "arco.yaml:3:43: partition key 'tab\\u{9}here' of partitions definition 's' contains "
                + "a control character",
            "arco.yaml:3:56: empty partition key in partitions definition 's'",
            "arco.yaml:4:29: partition key 'next\\u{85}line' of partitions definition 'c1' contains "
                + "a control character",
            "arco.yaml:4:47: partition key 'csi\\u{9B}' of partitions definition 'c1' contains "
                + "a control character",
        ])
    }

    @Test("offsets are range-checked as Dagster's generated cron allows")
    func offsetRanges() {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              h: {type: hourly, start: 2024-01-01, minute_offset: 60}
              d: {type: daily, start: 2024-01-01, hour_offset: 24}
              w: {type: weekly, start: 2024-01-01, day_offset: 7}
              m: {type: monthly, start: 2024-01-01, day_offset: 0}
              ok: {type: monthly, start: 2024-01-01, day_offset: 31, minute_offset: 59}
            """) == [
            "arco.yaml:3:55: 'minute_offset' of partitions definition 'h' must be from 0 to 59, "
                + "found 60",
            "arco.yaml:4:52: 'hour_offset' of partitions definition 'd' must be from 0 to 23, "
                + "found 24",
            "arco.yaml:5:52: 'day_offset' of partitions definition 'w' must be from 0 to 6, "
                + "found 7",
            "arco.yaml:6:53: 'day_offset' of partitions definition 'm' must be from 1 to 31, "
                + "found 0",
        ])
    }

    @Test("keys that belong to another type say which types take them")
    func typeSpecificKeys() {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              h: {type: hourly, start: 2024-01-01, hour_offset: 2}
              s: {type: static, keys: [a], start: 2024-01-01}
              t: {type: time_window, start: 2024-01-01}
              x: {type: yearly, start: 2024-01-01}
              n: {start: 2024-01-01}
            """) == [
            "arco.yaml:3:40: unknown key 'hour_offset' in partitions definition 'h'; "
                + "'hour_offset' applies only to daily, weekly, monthly definitions",
            "arco.yaml:4:32: unknown key 'start' in partitions definition 's'; 'start' applies "
                + "only to hourly, daily, weekly, monthly, time_window definitions",
            "arco.yaml:5:6: missing required key 'cron' in partitions definition 't'",
            "arco.yaml:5:6: missing required key 'fmt' in partitions definition 't'",
            "arco.yaml:6:13: unknown value 'yearly' for 'type' of partitions definition 'x'; "
                + "use one of hourly, daily, weekly, monthly, time_window, static, dynamic, multi",
            "arco.yaml:7:6: missing required key 'type' in partitions definition 'n'",
        ])
    }

    @Test("dates, time zones, formats and exclusions are validated")
    func valueProblems() {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              a: {type: daily, start: 2023-02-29}
              b: {type: daily, start: 2024-01-01, timezone: Mars/Olympus}
              c: {type: daily, start: 2024-01-02, end: 2024-01-01}
              d: {type: daily, start: 2024-01-01, fmt: "%Y-%Q"}
              e: {type: daily, start: 2024-01-01, exclusions: ["0 0 31 4 *", 2024-13-01]}
              f: {type: time_window, start: 2024-01-01, fmt: "%Y", cron: "*/90 * * * *"}
              g: {type: daily, start: 2024-01-01, timezone: utc}
            """) == [
            "arco.yaml:3:27: invalid date '2023-02-29' for 'start' of partitions definition 'a'; "
                + "write 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]', optionally with an offset",
            "arco.yaml:4:49: unknown time zone 'Mars/Olympus' for 'timezone' of partitions "
                + "definition 'b'; use an IANA name such as 'UTC' or 'America/New_York'",
            "arco.yaml:5:44: 'end' of partitions definition 'c' must be after its 'start' "
                + "(2024-01-02T00:00:00); 'end' is exclusive, as in Dagster",
            "arco.yaml:6:44: unknown directive in 'fmt' of partitions definition 'd' '%Y-%Q'; "
                + "use strftime directives such as %Y, %m, %d, %H, %M and %z",
            "arco.yaml:7:52: invalid exclusion '0 0 31 4 *' in 'exclusions' of partitions "
                + "definition 'e': never fires: April has 30 days; write a date such as "
                + "'2024-12-25' or a cron",
            "arco.yaml:7:66: invalid exclusion '2024-13-01' in 'exclusions' of partitions "
                + "definition 'e': expected 5 fields (minute hour day-of-month month "
                + "day-of-week), found 1; write a date such as '2024-12-25' or a cron",
            "arco.yaml:8:62: invalid cron '*/90 * * * *' for 'cron' of partitions definition 'f': "
                + "step 90 in the minute field is out of range 1-59; a step must be between 1 and "
                + "59; Dagster would silently fire on the first value only",
            "arco.yaml:9:49: unknown time zone 'utc' for 'timezone' of partitions definition "
                + "'g'; did you mean 'UTC'?",
        ])
    }
}
