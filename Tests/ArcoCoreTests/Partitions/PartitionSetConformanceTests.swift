import Foundation
import Testing

@testable import ArcoCore

/// Checks `PartitionSet` against every static and multi case of the Dagster-generated
/// `partitions.jsonl` (the time-window cases are in `PartitionsConformanceTests`).
///
/// One deliberate difference: Dagster refuses multi definitions with three or more dimensions;
/// arco allows them (none of the vectors has one; `threeDimensions` asserts arco's behaviour).
@Suite("Static and multi partitions conformance (Dagster vectors)")
struct PartitionSetConformanceTests {
    typealias Case = PartitionsConformanceTests.Case

    static func cases() throws -> [Case] {
        try PartitionsConformanceTests.loadCases().filter { $0.type == "static" || $0.type == "multi" }
    }

    /// Builds a set from Dagster's definition JSON.
    static func set(_ def: [String: Any]) throws -> PartitionSet {
        switch def["type"] as? String {
        case "static":
            return .keys(try #require(def["keys"] as? [String]))
        case "multi":
            let dims = try #require(def["dims"] as? [String: Any])
            let dimensions = try dims.map { name, value in
                PartitionDimension(name: name, set: try set(try #require(value as? [String: Any])))
            }
            return try PartitionSet.multi(dimensions: dimensions)
        default:
            return .timeWindow(try TimeWindowPartitionSet(try PartitionsConformanceTests.definition(def)))
        }
    }

    @Test("keys, counts, dimension names and the primary dimension match Dagster's")
    func keysMatch() throws {
        let valid = try Self.cases().filter { $0.expected["ok"] as? Bool == true }
        #expect(valid.count == 7)
        for testCase in valid {
            let set = try Self.set(testCase.definition)
            #expect(set.keys(now: testCase.now) == testCase.expected["keys"] as? [String], "\(testCase.id)")
            #expect(set.count(now: testCase.now) == testCase.expected["num_partitions"] as? Int, "\(testCase.id)")
            if let names = testCase.expected["dimension_names"] as? [String] {
                #expect(set.dimensionNames == names, "\(testCase.id)")
                #expect(set.primaryDimension == testCase.expected["primary_dimension"] as? String, "\(testCase.id)")
            }
        }
    }

    @Test("windows of multi keys with a time dimension match Dagster's")
    func windowsMatch() throws {
        var checked = 0
        for testCase in try Self.cases() where testCase.expected["windows"] != nil {
            let set = try Self.set(testCase.definition)
            let expected = try #require(testCase.expected["windows"] as? [[String]])
            let keys = set.keys(now: testCase.now)
            #expect(keys.count == expected.count, "\(testCase.id)")
            for (key, pair) in zip(keys, expected) {
                let window = try #require(set.window(forKey: key), "\(testCase.id) \(key)")
                #expect(window.start.instant == Timestamp(iso8601: pair[0]), "\(testCase.id) \(key)")
                #expect(window.end.instant == Timestamp(iso8601: pair[1]), "\(testCase.id) \(key)")
                checked += 1
            }
        }
        #expect(checked == 26)
    }

    @Test("lookups: has_partition_key for every looked-up key, with its window where Dagster gives one")
    func lookupsMatch() throws {
        var checked = 0
        for testCase in try Self.cases() where testCase.expected["ok"] as? Bool == true {
            let set = try Self.set(testCase.definition)
            for lookup in testCase.expected["lookups"] as? [[String: Any]] ?? [] {
                let key = try #require(lookup["key"] as? String)
                let has = try #require(lookup["has_partition_key"] as? Bool)
                #expect(set.hasKey(key, now: testCase.now) == has, "\(testCase.id) \(key)")
                if let start = lookup["start"] as? String, let end = lookup["end"] as? String {
                    let window = try #require(set.window(forKey: key), "\(testCase.id) \(key)")
                    #expect(window.start.instant == Timestamp(iso8601: start), "\(testCase.id) \(key)")
                    #expect(window.end.instant == Timestamp(iso8601: end), "\(testCase.id) \(key)")
                }
                if lookup["error"] != nil {
                    #expect(set.canonicalKey(for: key) == nil, "\(testCase.id) \(key): Dagster raises, arco has no identity")
                }
                checked += 1
            }
        }
        #expect(checked == 18)
    }

    @Test("definitions Dagster refuses are refused: a separator in a multi key, a single dimension")
    func refused() throws {
        let refused = try Self.cases().filter { $0.expected["ok"] as? Bool == false }
        #expect(refused.map(\.id).sorted() == ["multi-170", "multi-171"])
        for testCase in refused {
            #expect(throws: PartitionSetError.self, "\(testCase.id)") { try Self.set(testCase.definition) }
        }
    }

    @Test("three dimensions are allowed (Dagster allows two): keys are the product in name order")
    func threeDimensions() throws {
        let set = try PartitionSet.multi(dimensions: [
            PartitionDimension(name: "c", set: .keys(["1", "2"])), PartitionDimension(name: "a", set: .keys(["x"])),
            PartitionDimension(name: "b", set: .keys(["p", "q"])),
        ])
        let now = Timestamp(secondsSinceEpoch: 0)
        #expect(set.keys(now: now) == ["x|p|1", "x|p|2", "x|q|1", "x|q|2"])
        #expect(set.canonicalKey(for: "x|q|2")?.description == "a=s:eA,b=s:cQ,c=s:Mg")
        #expect(set.canonicalKey(for: "x|q") == nil)
    }
}
