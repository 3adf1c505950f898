import ArcoCore

extension Engine {
    /// Plans and reserves a rerun of `parent`. Without `runKey`, the key is deterministic
    /// (`rerun:{parent}:{kind}:{hash of the chosen steps}`), so repeating the command returns the
    /// same run.
    public func requestRerun(
        of parentID: RunID, kind: RerunPlanner.Kind, runKey: String?, tags: [String: String], detached: Bool
    ) throws -> RunReservation {
        try Self.checkTypedRunKey(runKey)
        let (parent, steps) = try runDetail(parentID)
        let plan: [PlannedStep]
        do {
            plan = try RerunPlanner.plan(parent: parent, steps: steps, kind: kind)
        } catch {
            switch error {
            case .parentNotFailed(let status):
                throw OperatorError(
                    .dataError, "run '\(parentID)' is \(status.rawValue); --from-failure needs a FAILURE run",
                    hint: "rerun chosen steps instead: `arco rerun \(parentID) --steps STEP`")
            case .unknownStep(let name, let nearest):
                throw OperatorError(
                    .dataError,
                    "run '\(parentID)' has no step '\(name)'" + (nearest.isEmpty ? "" : "; nearest: \(nearest.joined(separator: ", "))"),
                    hint: "list its steps with `arco status \(parentID)`")
            case .empty:
                throw OperatorError(
                    .dataError, "nothing to rerun in run '\(parentID)'", hint: "list its steps with `arco status \(parentID)`")
            }
        }
        var allTags = parent.tags
        allTags.merge(tags) { _, new in new }
        let fingerprint = RunFingerprint.rerun(parent: parentID, kind: kind.name, steps: plan.map(\.stepKey), tags: allTags)
        let key = runKey ?? "rerun:\(parentID):\(kind.name):\(fingerprint.prefix(16))"
        let now = environment.clock.now()
        let request = RunRequested(
            runID: environment.ids.makeRunID(at: now), runKey: RunKey(key), fingerprint: fingerprint,
            selection: parent.selection, tags: allTags, trigger: RunTrigger(kind: .rerun, reference: parentID.rawValue),
            steps: plan, reserverPID: detached ? nil : ProcessIdentity.pid, reserverHost: detached ? nil : ProcessIdentity.host,
            parentRunID: parentID, rootRunID: parent.rootRunID ?? parentID, partitions: parent.partitions)
        return try reserve(request)
    }
}
