import ArcoCore
import Testing

/// Waits worked out from verdicts alone equal what the evaluator collects (ADR 0012).
@Suite struct ReconcileWaitsTests {
    typealias E = StalenessEvaluatorTests

    @Test("waits from verdicts equal the evaluator's collected waits, across identity, yesterday and all mappings")
    func sameAsCollected() throws {
        let assets = [
            E.asset("raw", code: "2", daily: true),
            E.asset("clean", deps: [E.dep("raw")], daily: true),
            E.asset("lagged", deps: [E.dep("raw", .timeWindow(startOffset: -1, endOffset: -1))], daily: true),
            E.asset("total", deps: [E.dep("clean"), E.dep("lagged")]),
        ]
        let days = ["2024-01-01", "2024-01-02", "2024-01-03"]
        // raw: 01 and 03 materialized with the old code version, 02 never.
        let raw = ["2024-01-01": E.facts("r1", code: "1", at: 1), "2024-01-03": E.facts("r3", code: "1", at: 3)]
        var clean: [String: PartitionFacts] = [:]
        var lagged: [String: PartitionFacts] = [:]
        for (index, day) in days.enumerated() {
            // clean 03 consumed an older raw 03: changed, and stale behind raw's code change too.
            let version = day == "2024-01-03" ? "old" : "r\(index + 1)"
            clean[day] = E.facts("c\(index)", at: 10, consumed: [E.consumed("raw", day, version)])
            lagged[day] = E.facts("l\(index)", at: 10, consumed: [])
        }
        let facts: [String: [String: PartitionFacts]] = [
            "raw": raw, "clean": clean, "lagged": lagged, "total": ["": E.facts("t", at: 20, consumed: [])],
        ]
        let definitions = WorkspaceDefinitions(
            assets: assets,
            partitions: [PartitionsDefinition(name: PartitionsDefinitionName("daily"), kind: .timeWindow(E.dailyDefinition))])
        let set = PartitionSet.timeWindow(try TimeWindowPartitionSet(E.dailyDefinition))
        let sets: [AssetKey: PartitionSet] = ["raw": set, "clean": set, "lagged": set]

        func evaluate(collectWaits: Bool) -> (rows: [StalenessRow], evaluator: StalenessEvaluator) {
            var evaluator = StalenessEvaluator(
                definitions: definitions, selection: ["total"], sets: sets, now: E.at(100 * 86_400),
                collectWaits: collectWaits, applyFreshness: false)
            var rows: [StalenessRow] = []
            for asset in evaluator.order {
                evaluator.evaluate(asset, facts: facts[asset.rawValue] ?? [:]) { if $0.status != .fresh { rows.append($0) } }
            }
            return (rows, evaluator)
        }
        let collected = evaluate(collectWaits: true).rows
        var (rows, evaluator) = evaluate(collectWaits: false)
        #expect(rows.allSatisfy { $0.upstreamCauses.isEmpty })
        var rowAt: [AssetKey: [Int]] = [:]
        for (index, row) in rows.enumerated() {
            let count = evaluator.keys(of: row.asset).keys.count
            rowAt[row.asset, default: [Int](repeating: -1, count: count)][row.position] = index
        }
        let graph = ReconcileWaits.graph(rows, rowAt: rowAt, evaluator: &evaluator)
        #expect(rows.map(\.asset) == collected.map(\.asset))
        let expected = ReconcileWaitGraph(causesOf: collected)
        #expect(graph.rowCount == rows.count)
        for index in rows.indices {
            #expect(
                graph.waits(index).sorted() == expected.waits(index).sorted(),
                "\(rows[index].asset) \(rows[index].partition ?? "-")")
        }
        func waits(_ asset: String, _ partition: String?) throws -> [String] {
            let index = try #require(rows.firstIndex { $0.asset == AssetKey(asset) && $0.partition == partition })
            return graph.waits(index).map { "\(rows[$0].asset) \(rows[$0].partition ?? "-")" }
        }
        // The cases the workspace was built for are there.
        let clean03 = try #require(rows.first { $0.asset == "clean" && $0.partition == "2024-01-03" })
        #expect(clean03.reason == .upstreamChanged)
        #expect(try waits("clean", "2024-01-03") == ["raw 2024-01-03"])
        #expect(try waits("lagged", "2024-01-03") == ["raw 2024-01-02"])
        // total reads clean 01–03 and lagged 02–03 (lagged 01 reads a day before raw begins).
        #expect(try waits("total", nil).count == 5)
    }
}
