import ArcoCore
import ArcoTesting
import Testing

/// Partitions squeezed into cells, each showing its most pressing state.
@Suite struct PartitionHealthBarTests {
    typealias Range = PartitionStatusSummary.Range

    static func ranges(_ runs: [(PartitionState, Int)]) -> [Range] {
        runs.map { Range(first: "a", last: "b", state: $0.0, count: $0.1) }
    }

    static func bar(_ runs: [(PartitionState, Int)], width: Int) -> String {
        let total = runs.map(\.1).reduce(0, +)
        return String(PartitionHealthBar.cells(ranges(runs), total: total, width: width).map(PartitionHealthBar.symbol))
    }

    @Test("fewer partitions than cells: one cell each")
    func onePerPartition() {
        #expect(Self.bar([(.materialized, 2), (.failed, 1), (.missing, 2)], width: 40) == "##x..")
    }

    @Test("one failed partition among a million still shows, in the cell that holds it")
    func failedShows() {
        let bar = Self.bar([(.materialized, 500_000), (.failed, 1), (.materialized, 499_999)], width: 50)
        #expect(bar == String(repeating: "#", count: 25) + "x" + String(repeating: "#", count: 24))
    }

    @Test("a cell takes failed over in progress over missing over materialized")
    func priority() {
        #expect(Self.bar([(.materialized, 3), (.missing, 1)], width: 1) == ".")
        #expect(Self.bar([(.missing, 3), (.inProgress, 1)], width: 1) == ">")
        #expect(Self.bar([(.inProgress, 3), (.failed, 1)], width: 1) == "x")
        #expect(Self.bar([(.materialized, 10)], width: 4) == "####")
    }

    @Test("every cell is produced and every partition lands in exactly one cell", arguments: [1, 7, 33, 80])
    func coverage(width: Int) {
        var generator = SplitMixGenerator(seed: UInt64(width))
        let runs = (0..<200).map { _ in
            (PartitionState.allCases[Int(generator.next() % 4)], Int(generator.next() % 50) + 1)
        }
        let total = runs.map(\.1).reduce(0, +)
        let cells = PartitionHealthBar.cells(Self.ranges(runs), total: total, width: width)
        #expect(cells.count == min(width, total))
        // The worst state anywhere shows somewhere.
        #expect(cells.contains(.failed) == runs.contains { $0.0 == .failed })
    }
}
