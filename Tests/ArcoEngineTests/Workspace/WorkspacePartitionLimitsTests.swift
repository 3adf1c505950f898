import ArcoCore
import Foundation
import Testing

@testable import ArcoEngine

/// What `arco validate` now checks of partitions definitions beyond their syntax: `start` in
/// `fmt`, formats that name windows, bounded numbers, empty static sets, the size limit and
/// strict UTF-8.
@Suite("Workspace partitions limits")
struct WorkspacePartitionLimitsTests {
    @Test("start and end are read with the definition's fmt, and ISO dates are still accepted")
    func startInFormat() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              slashed: {type: daily, start: "2024/01/01", end: "2024/02/01", fmt: "%Y/%m/%d"}
              iso: {type: daily, start: 2024-01-01, fmt: "%Y/%m/%d"}
              compact: {type: hourly, start: "20240101T0630", fmt: "%Y%m%dT%H%M"}
            """)
        let slashed = try #require(definitions.partitionsDefinition("slashed")?.timeWindow)
        #expect(slashed.start.description == "2024-01-01T00:00:00")
        #expect(slashed.end?.description == "2024-02-01T00:00:00")
        #expect(definitions.partitionsDefinition("iso")?.timeWindow?.start.description == "2024-01-01T00:00:00")
        #expect(definitions.partitionsDefinition("compact")?.timeWindow?.start.description == "2024-01-01T06:30:00")
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              bad: {type: daily, start: "2024/13/01", fmt: "%Y/%m/%d"}
            """) == [
            "arco.yaml:3:29: invalid date '2024/13/01' for 'start' of partitions definition 'bad'; "
                + "write it in the definition's fmt '%Y/%m/%d', or as 'YYYY-MM-DD'",
        ])
    }

    @Test("a fmt that cannot tell two consecutive windows apart is reported where fmt is written")
    func coarseFormat() {
        let problems = WorkspaceYAML.problems("""
            version: 1
            partitions:
              six_hourly: {type: time_window, cron: "0 */6 * * *", start: 2024-01-01, fmt: "%Y-%m-%d"}
              same: {type: daily, start: 2024-01-01, fmt: same}
              fine: {type: time_window, cron: "0 */6 * * *", start: 2024-01-01, fmt: "%Y-%m-%d-%H"}
            """)
        #expect(problems.map(\.location) == [WorkspaceYAML.at(3, 80), WorkspaceYAML.at(4, 47)])
        #expect(problems.map(\.message) == [
            "partitions definition 'six_hourly' has no usable windows: format '%Y-%m-%d' gives two "
                + "consecutive windows the same key '2024-01-01'",
            "partitions definition 'same' has no usable windows: format 'same' gives two "
                + "consecutive windows the same key 'same'",
        ])
    }

    @Test("end_offset is bounded, and integers past Int64 are reported, not trapped on")
    func boundedNumbers() {
        #expect(WorkspaceYAML.report("""
            version: 1
            partitions:
              a: {type: daily, start: 2024-01-01, end_offset: -9223372036854775808}
              b: {type: daily, start: 2024-01-01, end_offset: 100001}
              c: {type: daily, start: 2024-01-01, minute_offset: 99999999999999999999999}
              ok: {type: daily, start: 2024-01-01, end_offset: -100000}
            """) == [
            "arco.yaml:3:51: 'end_offset' of partitions definition 'a' must be from -100000 to "
                + "100000, found -9223372036854775808",
            "arco.yaml:4:51: 'end_offset' of partitions definition 'b' must be from -100000 to "
                + "100000, found 100001",
            "arco.yaml:5:54: expected an integer from 0 to 59 for 'minute_offset' of partitions "
                + "definition 'c', found '99999999999999999999999'",
        ])
    }

    @Test("a static definition may list no keys, as in Dagster")
    func emptyStatic() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              none: {type: static, keys: []}
              r: {type: static, keys: [us]}
              product: {type: multi, dimensions: {x: none, y: r}}
            """)
        #expect(definitions.partitionsDefinition("none")?.staticPartitions?.keys == [])
    }

    @Test("validate's limit check names each definition over the limit at now; dynamic keys count as none")
    func limitCheck() throws {
        let definitions = try WorkspaceYAML.load("""
            version: 1
            partitions:
              days: {type: daily, start: 2024-01-01}
              live: {type: dynamic}
              grid: {type: multi, dimensions: {d: days, l: live}}
            """)
        let now = try #require(Timestamp(iso8601: "2024-01-11T00:00:00Z"))
        #expect(PartitionLimitCheck.diagnostics(definitions, now: now, limit: 10).isEmpty)
        let problems = PartitionLimitCheck.diagnostics(definitions, now: now, limit: 9)
        #expect(problems.map(\.location) == [WorkspaceYAML.at(3, 3)])
        #expect(problems.map(\.message) == ["partitions definition 'days' has more than 9 partitions at 2024-01-11T00:00:00.000000Z"])
    }

    @Test("invalid UTF-8 is refused at its line and column instead of becoming U+FFFD")
    func invalidUTF8() {
        let bytes = Array("version: 1\nassets:\n  a: {command: \"echo ".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        do throws(DefinitionErrors) {
            _ = try WorkspaceFileReader.load(data: bytes, fileName: "arco.yaml")
            Issue.record("expected invalid UTF-8 to be refused")
        } catch {
            #expect(error.diagnostics.map(\.location) == [WorkspaceYAML.at(3, 22)])
            #expect(error.diagnostics.first?.message == "arco.yaml is not valid UTF-8 (byte 40)")
        }
        #expect(throws: Never.self) {
            _ = try WorkspaceFileReader.load(data: Array("version: 1\nassets:\n  a: {command: \"echo café\"}\n".utf8), fileName: "arco.yaml")
        }
    }

    @Test("a dynamic definition may reach the partition limit but not pass it")
    func dynamicLimit() throws {
        let limit = Limits.partitionsPerDefinitionMax
        #expect(throws: Never.self) { try Engine.checkDynamicCount(limit, of: "customers") }
        #expect {
            try Engine.checkDynamicCount(limit + 1, of: "customers")
        } throws: { error in
            (error as? OperatorError)?.message == "partitions definition 'customers' would have 1000001 keys, more than the limit of 1000000"
                && (error as? OperatorError)?.status == .dataError
        }
    }
}
