import ArcoCore

/// Renderings of reconciliation plans.
enum ReconcileText {
    static func json(_ run: ReconcileRun) -> JSONValue {
        [
            "run_key": .string(run.runKey), "assets": .strings(run.assets.map(\.rawValue)),
            "partition": .optional(run.partition), "targets": .array(run.targets.map { $0.json() }),
        ]
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
