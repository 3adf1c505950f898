/// The order `reconcile run` starts planned runs in, given which read which: a run starts once
/// every run it reads succeeded, and is blocked for good once one failed or was blocked.
/// Pure, so the rule is tested without processes.
public struct ReconcileSchedule: Sendable {
    public enum State: Sendable, Hashable { case waiting, running, succeeded, failed, blocked }

    /// For each run, the runs it reads (`ReconcileRunGraph.upstream`).
    public let upstream: [[Int]]
    public private(set) var states: [State]

    public init(upstream: [[Int]]) {
        self.upstream = upstream
        states = Array(repeating: .waiting, count: upstream.count)
    }

    /// Runs started and not finished.
    public var running: Int { states.count { $0 == .running } }

    /// The runs blocked by a failure, in plan order.
    public var blocked: [Int] { states.indices.filter { states[$0] == .blocked } }

    /// The first waiting run whose upstream runs all succeeded, marked running; nil when none
    /// can start now.
    public mutating func next() -> Int? {
        for index in states.indices where states[index] == .waiting {
            // Runs the chosen prefix left out are not waited for: `--max-runs` cut them.
            let reads = upstream[index].filter { states.indices.contains($0) }
            guard reads.allSatisfy({ states[$0] == .succeeded }) else { continue }
            states[index] = .running
            return index
        }
        return nil
    }

    /// Records how a run ended; a failure blocks every waiting run that reads it, directly or
    /// through other blocked runs.
    public mutating func finish(_ index: Int, succeeded: Bool) {
        states[index] = succeeded ? .succeeded : .failed
        guard !succeeded else { return }
        var changed = true
        while changed {
            changed = false
            for other in states.indices where states[other] == .waiting {
                if upstream[other].contains(where: { states.indices.contains($0) && (states[$0] == .failed || states[$0] == .blocked) }) {
                    states[other] = .blocked
                    changed = true
                }
            }
        }
    }
}
