/// Chooses the steps of a rerun from the parent's plan. Pure: the parent's rows in, a plan out.
public enum RerunPlanner {
    /// Which steps to rerun.
    public enum Kind: Sendable, Hashable {
        /// Exactly the parent's steps that did not succeed.
        case fromFailure
        /// These step keys or asset names; a leading `+`/`*` adds their upstream steps in the
        /// parent's plan, a trailing one their downstream steps.
        case steps([String])

        /// The kind's name in run keys and fingerprints.
        public var name: String {
            switch self {
            case .fromFailure: return "from_failure"
            case .steps: return "subset"
            }
        }
    }

    /// Why a rerun cannot be planned.
    public enum Failure: Error, Sendable, Hashable {
        /// `--from-failure` of a run that did not fail.
        case parentNotFailed(RunStatus)
        /// A name matches no step of the parent; with the nearest step keys.
        case unknownStep(String, nearest: [String])
        /// Nothing would run.
        case empty
    }

    /// The rerun's steps, in the parent's order, with dependencies kept only inside the rerun
    /// (a dependency outside it already succeeded, or is not asked for).
    public static func plan(parent: RunRow, steps: [StepRow], kind: Kind) throws(Failure) -> [PlannedStep] {
        var chosen = Set<StepKey>()
        switch kind {
        case .fromFailure:
            guard parent.status == .failure else { throw .parentNotFailed(parent.status) }
            chosen = Set(steps.filter { $0.status != .success }.map(\.stepKey))
        case .steps(let names):
            var downstream = [StepKey: [StepKey]]()
            var upstream = [StepKey: [StepKey]]()
            for step in steps {
                upstream[step.stepKey] = step.dependsOn
                for dependency in step.dependsOn { downstream[dependency, default: []].append(step.stepKey) }
            }
            for name in names {
                var core = Substring(name)
                let up = core.first == "+" || core.first == "*"
                while core.first == "+" || core.first == "*" { core = core.dropFirst() }
                let down = core.last == "+" || core.last == "*"
                while core.last == "+" || core.last == "*" { core = core.dropLast() }
                let roots = steps.filter { $0.stepKey.rawValue == core || $0.asset == core }.map(\.stepKey)
                guard !roots.isEmpty else {
                    throw .unknownStep(
                        String(core), nearest: SelectionResolver.nearest(to: String(core), in: steps.map(\.stepKey.rawValue)))
                }
                chosen.formUnion(roots)
                if up { chosen.formUnion(closure(roots, upstream)) }
                if down { chosen.formUnion(closure(roots, downstream)) }
            }
        }
        guard !chosen.isEmpty else { throw .empty }
        return steps.filter { chosen.contains($0.stepKey) }.map { step in
            PlannedStep(
                stepKey: step.stepKey, asset: step.asset, partition: step.partition, partitionRange: step.partitionRange,
                dependsOn: step.dependsOn.filter(chosen.contains), canonicalPartitions: step.canonicalPartitions)
        }
    }

    private static func closure(_ roots: [StepKey], _ edges: [StepKey: [StepKey]]) -> Set<StepKey> {
        var seen = Set(roots)
        var queue = roots
        while let next = queue.popLast() {
            for neighbour in edges[next] ?? [] where seen.insert(neighbour).inserted { queue.append(neighbour) }
        }
        return seen
    }
}
