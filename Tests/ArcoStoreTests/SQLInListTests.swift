@testable import ArcoStore
import Testing

@Suite struct SQLInListTests {
    @Test func chunksArePaddedToFixedSizesWithTheirLastKey() {
        var calls = [(String, [SQLValue])]()
        SQLInList.forEachChunk((1...10).map { SQLValue.integer(Int64($0)) }) { calls.append(($0, $1.values)) }
        #expect(calls.count == 1)
        #expect(calls[0].0 == "(" + Array(repeating: "?", count: 64).joined(separator: ", ") + ")")
        #expect(calls[0].1 == (1...10).map { .integer(Int64($0)) } + Array(repeating: .integer(10), count: 54))
    }

    @Test func longListsSplitAndRowValuesKeepTheirWidth() {
        var sizes = [Int]()
        SQLInList.forEachChunk((0..<600).map { [SQLValue.integer(Int64($0)), .text("k")] }) { list, arguments in
            sizes.append(arguments.values.count)
            #expect(list.hasPrefix("((?, ?), (?, ?)"))
        }
        #expect(sizes == [1_024, 1_024])
        var none = 0
        SQLInList.forEachChunk([SQLValue]()) { _, _ in none += 1 }
        #expect(none == 0)
    }
}
