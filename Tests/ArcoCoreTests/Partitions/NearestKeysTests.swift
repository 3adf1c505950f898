import ArcoCore
import Testing

@Suite struct NearestKeysTests {
    @Test("neighbours of a mistyped key, at the edges and in unsorted key lists")
    func around() {
        let days = ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]
        #expect(NearestKeys.around("2024-02-30", in: days) == ["2024-02-29", "2024-03-01"])
        #expect(NearestKeys.around("2024-01-01", in: days) == ["2024-02-28"])
        #expect(NearestKeys.around("2025-01-01", in: days) == ["2024-03-02"])
        #expect(NearestKeys.around("x", in: []) == [])
        // Unsorted keys: the first key that does not sort before it, as the engine always did.
        #expect(NearestKeys.around("m", in: ["z", "a", "q"]) == ["z"])
    }
}
