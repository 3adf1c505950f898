import ArcoCore
import Testing

@Suite struct ClaimOrderTests {
    @Test("each seed starts at its own place in the window and wraps around, keeping queue order otherwise")
    func rotation() {
        let queue = Array(1...8)
        #expect(ClaimOrder.arranged(queue, seed: 0) == queue)
        #expect(ClaimOrder.arranged(queue, seed: 3) == [4, 5, 6, 7, 8, 1, 2, 3])
        #expect(ClaimOrder.arranged(queue, seed: 11) == [4, 5, 6, 7, 8, 1, 2, 3])
        #expect(ClaimOrder.arranged([Int](), seed: 5) == [])
        #expect(ClaimOrder.arranged([7], seed: 5) == [7])
    }

    @Test("8 workers with consecutive pids try 8 different runs first")
    func workersSpread() {
        let window = Array(0..<ClaimOrder.window)
        let firsts = (4_000..<4_008).map { ClaimOrder.arranged(window, seed: UInt64($0)).first }
        #expect(Set(firsts).count == 8)
    }
}
