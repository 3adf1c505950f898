import ArcoCore

/// Renderings of reconciliation plans.
enum ReconcileText {
    /// `{"runs": [{"assets", "partition", "run_key", "targets"}]}` in canonical JSON, written run
    /// by run with each target through the row encoder, without building the tree.
    static func stream(_ plan: [ReconcileRun]) {
        var stream = OutputStream()
        stream.append("{\"runs\":[")
        var targets: [UInt8] = []
        for (index, run) in plan.enumerated() {
            if index > 0 { stream.append(",") }
            // The key hashes the targets' JSON: both come from one encoding.
            targets.removeAll(keepingCapacity: true)
            let key = run.writeTargets(to: &targets)
            stream.append("{\"assets\":" + CanonicalJSON.encode(.strings(run.assets.map(\.rawValue))))
            stream.append(",\"partition\":" + CanonicalJSON.encode(.optional(run.partition)))
            stream.append(",\"run_key\":" + CanonicalJSON.encode(.string(key)) + ",\"targets\":[")
            stream.append(bytes: targets)
            stream.append("]}")
        }
        stream.append("]}\n")
        stream.flush()
    }

    static func print(_ plan: [ReconcileRun]) {
        guard !plan.isEmpty else {
            Console.out("nothing to reconcile")
            return
        }
        let rows = plan.enumerated().map { index, run in
            let reasons = Dictionary(grouping: run.targets.compactMap(\.reason), by: { $0 })
                .map { "\($0.value.count) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
            return [String(index + 1), run.assets.map(\.rawValue).joined(separator: ", "), run.partition ?? "-", reasons, run.runKey]
        }
        for line in RunText.table(["#", "ASSETS", "PARTITION", "TARGETS", "RUN KEY"], rows) { Console.out(line) }
        Console.out("\(plan.count) run(s), \(plan.reduce(0) { $0 + $1.targets.count }) asset partition(s)")
    }
}
