import Foundation
import Testing

@testable import ArcoCore

/// `CronSchedule` behaviour beyond listing ticks: going backwards and uniting crons.
@Suite("CronSchedule iteration")
struct CronScheduleTests {
    static func instant(_ text: String) throws -> Timestamp {
        try #require(Timestamp(iso8601: text), "\(text)")
    }

    static func schedule(_ crons: [String], _ zone: String) throws -> CronSchedule {
        try #require(CronSchedule(crons: try crons.map { try CronSyntax.parse($0) },
            timeZoneIdentifier: zone))
    }

    @Test("previous(before:) walks Dagster's ticks backwards, DST days included")
    func previousInvertsNext() throws {
        let cases = try CronScheduleConformanceTests.loadCases()
        for testCase in cases where testCase.ticks.count > 1 {
            let crons = try testCase.crons.map { try CronSyntax.parse($0) }
            let schedule = try #require(
                CronSchedule(crons: crons, timeZoneIdentifier: testCase.timezone))
            for (earlier, later) in zip(testCase.ticks, testCase.ticks.dropFirst()) {
                #expect(schedule.previous(before: later) == earlier, "\(testCase) \(later)")
                #expect(schedule.next(after: earlier) == later, "\(testCase) \(earlier)")
            }
        }
    }

    @Test("a union across a fall-back hour lists each instant once, in time order")
    func unionAcrossFallBack() throws {
        let start = try Self.instant("2024-11-03T00:00:00-04:00")
        let end = try Self.instant("2024-11-03T02:01:00-05:00")
        let expected = try [
            "2024-11-03T00:00:00-04:00", "2024-11-03T01:00:00-04:00",
            "2024-11-03T01:00:00-05:00", "2024-11-03T01:30:00-05:00",
            "2024-11-03T02:00:00-05:00",
        ].map(Self.instant)
        let forwards = try Self.schedule(["0 * * * *", "30 1 * * *", "0 1 * * *"],
            "America/New_York")
        let backwards = try Self.schedule(["0 1 * * *", "30 1 * * *", "0 * * * *"],
            "America/New_York")
        #expect(forwards.ticks(from: start, until: end, limit: 100) == expected)
        #expect(backwards.ticks(from: start, until: end, limit: 100) == expected)
    }

    @Test("instants between whole seconds round the right way")
    func fractionalInstants() throws {
        let schedule = try Self.schedule(["0 * * * *"], "UTC")
        let tick = try Self.instant("2024-01-01T05:00:00Z")
        let justAfter = Timestamp(microsecondsSinceEpoch: tick.microsecondsSinceEpoch + 1)
        #expect(schedule.previous(before: justAfter) == tick)
        #expect(schedule.previous(before: tick) == (try Self.instant("2024-01-01T04:00:00Z")))
        #expect(schedule.next(after: Timestamp(
            microsecondsSinceEpoch: tick.microsecondsSinceEpoch - 1)) == tick)
    }
}
