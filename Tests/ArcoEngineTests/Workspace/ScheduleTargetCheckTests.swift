import ArcoCore
import Testing

/// `arco validate` refuses schedules whose every tick would fail, at the target's line.
@Suite struct ScheduleTargetCheckTests {
    static let header = """
        version: 1
        partitions:
          days: {type: daily, start: 2024-01-01}
          colours: {type: static, keys: [red, green]}
        assets:
          d: {command: x, partitions: days}
          c: {command: x, partitions: colours}
          plain: {command: x}
        schedules:

        """

    static func messages(_ schedules: String) throws -> [String] {
        ScheduleTargetCheck.diagnostics(try WorkspaceYAML.load(header + schedules)).map(\.message)
    }

    @Test("targets and partitions that can run pass")
    func good() throws {
        #expect(try Self.messages("""
              a: {cron: "0 1 * * *", target: d}
              b: {cron: "0 1 * * *", target: c, partition: red}
              e: {cron: "0 1 * * *", target: plain}
              f: {cron: "0 1 * * *", target: plain, partition: none}
              g: {cron: "0 1 * * *", target: "d+", partition: "2024-01-02"}
            """) == [])
    }

    @Test("each broken target or partition is named with its schedule, at the target's line")
    func broken() throws {
        let yaml = Self.header + """
              unknown: {cron: "0 1 * * *", target: dd}
              invalid: {cron: "0 1 * * *", target: "d o"}
              staticLatest: {cron: "0 1 * * *", target: c}
              missingKey: {cron: "0 1 * * *", target: c, partition: purple}
              keyOnPlain: {cron: "0 1 * * *", target: plain, partition: "2024-01-01"}
              noneOnPartitioned: {cron: "0 1 * * *", target: d, partition: none}
              twoDefinitions: {cron: "0 1 * * *", target: "key:d or key:c"}
            """
        let diagnostics = ScheduleTargetCheck.diagnostics(try WorkspaceYAML.load(yaml))
        let byName = Dictionary(diagnostics.map { ($0.message.split(separator: "'")[1], $0) }) { first, _ in first }
        #expect(byName.count == 7, "\(diagnostics.map(\.message))")
        #expect(byName["unknown"]?.message.contains("unknown asset 'dd'; nearest: d") == true)
        #expect(byName["unknown"]?.location?.line == 10)
        #expect(byName["invalid"]?.message.contains("invalid selection 'd o'") == true)
        #expect(byName["staticLatest"]?.message.contains("needs time-window partitions") == true)
        #expect(byName["missingKey"]?.message.contains("'partition: purple' is not a key of 'colours'") == true)
        #expect(byName["keyOnPlain"]?.message.contains("no asset of the target is partitioned") == true)
        #expect(byName["noneOnPartitioned"]?.message.contains("'partition: none' but the target is partitioned by 'days'") == true)
        #expect(byName["twoDefinitions"]?.message.contains("spans partitions definitions") == true)
        #expect(diagnostics.allSatisfy { $0.message.hasSuffix("every tick would fail") && $0.hint != nil })
    }
}

/// `arco validate` refuses sensors whose target does not resolve, at the target's line.
@Suite struct SensorTargetCheckTests {
    @Test("an unknown asset and an invalid selection are named; a good target passes")
    func targets() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            assets:
              a: {command: x}
            sensors:
              good: {kind: push, target: a}
              unknown: {kind: push, target: nosuch}
              invalid: {kind: push, target: "a+ & "}
            """)
        let diagnostics = SensorTargetCheck.diagnostics(definitions)
        #expect(diagnostics.map { $0.message.split(separator: "'")[1] } == ["unknown", "invalid"], "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("unknown asset 'nosuch'") == true)
        #expect(diagnostics.first?.location?.line == 6)
        #expect(diagnostics.allSatisfy { $0.message.hasSuffix("every evaluation would fail") && $0.hint != nil })
    }
}
