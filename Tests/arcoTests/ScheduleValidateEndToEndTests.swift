import ArcoCore
import Testing

/// `arco validate` on the real binary refuses a schedule whose ticks would all fail, while the
/// other commands keep working and the tick still records the failure.
@Suite struct ScheduleValidateEndToEndTests {
    @Test("a schedule targeting an unknown asset: validate exits 65 naming it; tick records FAILED")
    func unknownTarget() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              orders: { command: 'true' }
            schedules:
              nightly: { cron: "0 6 * * *", target: order, status: running }
            """)
        let validate = try workspace.arco(["validate"])
        #expect(validate.status == ExitStatus.dataError.rawValue, "\(validate.stderr)")
        #expect(validate.stderr.contains("arco.yaml:5:"), "\(validate.stderr)")
        #expect(validate.stderr.contains("schedule 'nightly': target 'order': unknown asset 'order'; nearest: orders"), "\(validate.stderr)")
        #expect(validate.stderr.contains("hint:"), "\(validate.stderr)")
        #expect(try workspace.arco(["schedule", "list"]).status == 0)
        #expect(try workspace.arco(["schedule", "tick", "--now", "2024-01-01T00:00:00Z"]).status == 0)
        let failed = try workspace.arco(["schedule", "tick", "--now", "2024-01-02T07:00:00Z", "--no-launch"])
        #expect(failed.stdout.contains("FAILED"), "\(failed.stdout)\(failed.stderr)")
        #expect(failed.status == ExitStatus.failure.rawValue, "a FAILED tick exits 1")
    }
}

/// People read tick times in the schedule's zone; JSON keeps the UTC instant.
@Suite struct ScheduleLocalTimeEndToEndTests {
    @Test("tick, history and list print a Berlin tick as 02:30+01:00; --json prints 01:30Z")
    func localTimes() throws {
        let workspace = try RunWorkspace("""
            version: 1
            assets:
              orders: { command: 'true' }
            schedules:
              nightly: { cron: "30 2 * * *", timezone: Europe/Berlin, target: orders, status: running }
            """)
        #expect(try workspace.arco(["schedule", "tick", "--now", "2024-01-01T00:00:00Z"]).status == 0)
        let tick = try workspace.arco(["schedule", "tick", "--now", "2024-01-02T02:00:00Z", "--no-launch"])
        #expect(tick.stdout.contains("nightly 2024-01-02T02:30:00+01:00 TRIGGERED"), "\(tick.stdout)")
        #expect(try workspace.arco(["schedule", "history", "nightly"]).stdout.contains("2024-01-02T02:30:00+01:00  TRIGGERED"))
        #expect(try workspace.arco(["schedule", "list"]).stdout.contains("2024-01-02T02:30:00+01:00 TRIGGERED"))
        let (_, history) = try workspace.json(["schedule", "history", "nightly"])
        #expect(history["ticks"]?.arrayValue?.first?["scheduled_for"]?.stringValue == "2024-01-02T01:30:00.000000Z")
    }
}
