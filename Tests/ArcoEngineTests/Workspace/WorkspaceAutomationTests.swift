import ArcoCore
import ArcoEngine
import Testing

@Suite("Workspace automation")
struct WorkspaceAutomationTests {
    static let assets = """
        version: 1
        assets:
          a: {command: x}
          b: {command: x}
          c: {command: x}
          d: {command: x}

        """

    @Test("decodes the scalar and mapping forms of each condition")
    func decodes() throws {
        let definitions = try WorkspaceYAML.load(Self.assets + """
            automation:
              a: eager
              b: {condition: on_missing, enabled: false}
              c: on_cron("0 * * * *")
              d: {condition: "on_cron('30 9 * * MON-FRI')", timezone: Europe/Berlin}
            """)
        #expect(definitions.automation["a"] == AutomationPolicy(condition: .eager))
        #expect(definitions.automation["b"] == AutomationPolicy(condition: .onMissing,
            isEnabled: false))
        let hourly = try CronSyntax.parse("0 * * * *")
        #expect(definitions.automation["c"] == AutomationPolicy(
            condition: .onCron(hourly, timezone: "UTC")))
        guard case .onCron(let cron, let timezone)? = definitions.automation["d"]?.condition else {
            Issue.record("expected on_cron for d")
            return
        }
        #expect(cron.text == "30 9 * * MON-FRI" && timezone == "Europe/Berlin")
        #expect(definitions.automation["d"]?.isEnabled == true)
    }

    @Test("reports unknown assets, conditions, booleans and crons")
    func problems() {
        #expect(WorkspaceYAML.report(Self.assets + """
            automation:
              a: eagre
              b: {condition: on_missing, enabled: yes}
              c: on_cron("0 0 30 2 *")
              d: {condition: eager, timezone: UTC}
              zz: on_missing
            """) == [
            "arco.yaml:8:6: unknown automation condition 'eagre' for automation of asset 'a'; "
                + "did you mean 'eager'?",
            "arco.yaml:9:39: expected true or false for 'enabled' of automation of asset 'b', "
                + "found 'yes'; arco reads only unquoted 'true' and 'false' as booleans",
            "arco.yaml:10:6: invalid cron '0 0 30 2 *' in automation of asset 'c': never fires: "
                + "February has at most 29 days; pick a day that exists in those months, or 'L' "
                + "for the last day of the month",
            "arco.yaml:11:25: 'timezone' of automation of asset 'd' applies only to on_cron "
                + "conditions",
            "arco.yaml:12:3: unknown asset 'zz' in 'automation'",
        ])
    }
}
