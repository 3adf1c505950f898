/// Which steps of a run may start next: a step is ready when every step it depends on
/// succeeded. The executor's in-memory mirror of the fold's step rules (the fold stays the
/// authority; this only decides order), so scheduling 1,000 steps reads nothing back.
public struct StepScheduler: Sendable {
    private var dependsOn: [StepKey: [StepKey]]
    private var dependents: [StepKey: [StepKey]]
    private var waitingOn: [StepKey: Int]
    private var ready: [StepKey]
    private var readyIndex = 0
    private var order: [StepKey: Int]
    /// Steps that will never start: downstream of a failure, or canceled.
    public private(set) var abandoned: Set<StepKey> = []
    /// Steps that finished (any outcome).
    public private(set) var finished: Set<StepKey> = []

    /// Starts from the steps' current state: terminal steps are done, succeeded ones unblock
    /// their dependents, and the rest wait.
    public init(steps: [StepRow]) {
        dependsOn = [:]
        dependents = [:]
        waitingOn = [:]
        order = [:]
        ready = []
        var succeeded = Set<StepKey>()
        for (index, step) in steps.enumerated() {
            order[step.stepKey] = index
            dependsOn[step.stepKey] = step.dependsOn
            for dependency in step.dependsOn { dependents[dependency, default: []].append(step.stepKey) }
            if step.status == .success { succeeded.insert(step.stepKey) }
            if step.status.isTerminal { finished.insert(step.stepKey) }
        }
        for step in steps where !step.status.isTerminal {
            waitingOn[step.stepKey] = step.dependsOn.filter { !succeeded.contains($0) }.count
            if step.dependsOn.contains(where: { finished.contains($0) && !succeeded.contains($0) }) {
                abandonDownstream(including: step.stepKey)
            } else if waitingOn[step.stepKey] == 0 {
                ready.append(step.stepKey)
            }
        }
    }

    /// The reason the fold gives a step it skips or cancels because `root` ended with `status`;
    /// progress displays print the same words.
    public static func upstreamReason(_ root: StepKey, ended status: StepStatus) -> String {
        "upstream step '\(root)' \(status.rawValue.lowercased())"
    }

    /// The next step whose dependencies all succeeded, in plan order of becoming ready.
    public mutating func nextReady() -> StepKey? {
        while readyIndex < ready.count {
            let key = ready[readyIndex]
            readyIndex += 1
            if !abandoned.contains(key) { return key }
        }
        return nil
    }

    /// Whether every step finished or will never start.
    public var isComplete: Bool { finished.count + abandoned.subtracting(finished).count >= order.count }

    /// Records a step's end: success unblocks dependents, anything else abandons everything
    /// downstream of it.
    /// - Returns: the steps newly abandoned, in plan order.
    @discardableResult
    public mutating func finish(_ key: StepKey, succeeded: Bool) -> [StepKey] {
        finished.insert(key)
        if succeeded {
            for dependent in dependents[key] ?? [] {
                waitingOn[dependent, default: 0] -= 1
                if waitingOn[dependent] == 0 { ready.append(dependent) }
            }
            return []
        }
        var newly = [StepKey]()
        for dependent in dependents[key] ?? [] { newly += abandonDownstream(including: dependent) }
        return inPlanOrder(newly)
    }

    /// Abandons every step not yet started (cancellation).
    /// - Returns: the steps newly abandoned, in plan order.
    @discardableResult
    public mutating func abandonPending(except running: Set<StepKey>) -> [StepKey] {
        var newly = [StepKey]()
        for key in order.keys where !finished.contains(key) && !running.contains(key) {
            if abandoned.insert(key).inserted { newly.append(key) }
        }
        return inPlanOrder(newly)
    }

    /// Abandons `start` and, transitively, everything that depends on it.
    @discardableResult
    private mutating func abandonDownstream(including start: StepKey) -> [StepKey] {
        var newly = [StepKey]()
        var queue = [start]
        while let next = queue.popLast() {
            guard !finished.contains(next), abandoned.insert(next).inserted else { continue }
            newly.append(next)
            queue.append(contentsOf: dependents[next] ?? [])
        }
        return newly
    }

    private func inPlanOrder(_ keys: [StepKey]) -> [StepKey] {
        keys.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
    }
}
