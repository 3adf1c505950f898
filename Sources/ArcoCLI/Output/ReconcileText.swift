import ArcoCore
import ArcoEngine
import Dispatch
import Foundation

/// Renderings of reconciliation plans.
enum ReconcileText {
    /// `{"runs": [{"assets", "partition", "run_key", "targets"}]}` in canonical JSON, written run
    /// by run with each target through the row encoder, without building the tree.
    static func stream(_ plan: [ReconcileRun]) {
        var stream = OutputStream()
        stream.append("{\"runs\":[")
        // Runs are encoded a window at a time on every core (the key hashes the targets' JSON,
        // so both come from one encoding), then written in order; a window bounds the memory.
        let window = 16
        for start in stride(from: 0, to: plan.count, by: window) {
            let runs = Array(plan[start..<min(start + window, plan.count)])
            let encoded = EncodedRuns(count: runs.count)
            DispatchQueue.concurrentPerform(iterations: runs.count) { index in
                var targets: [UInt8] = []
                let key = runs[index].writeTargets(to: &targets)
                encoded.set(index, (key, targets))
            }
            for (offset, run) in runs.enumerated() {
                let (key, targets) = encoded.get(offset)
                if start + offset > 0 { stream.append(",") }
                stream.append("{\"assets\":" + CanonicalJSON.encode(.strings(run.assets.map(\.rawValue))))
                stream.append(",\"partition\":" + CanonicalJSON.encode(.optional(run.partition)))
                stream.append(",\"run_key\":" + CanonicalJSON.encode(.string(key)) + ",\"targets\":[")
                stream.append(bytes: targets)
                stream.append("]}")
            }
        }
        stream.append("]}\n")
        stream.flush()
    }

    /// Slots filled by concurrent encoders, each index by exactly one of them.
    private final class EncodedRuns: @unchecked Sendable {
        private var slots: [(String, [UInt8])]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: ("", []), count: count) }

        func set(_ index: Int, _ value: (String, [UInt8])) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        func get(_ index: Int) -> (String, [UInt8]) {
            lock.lock()
            defer { lock.unlock() }
            return slots[index]
        }
    }

    static func print(_ plan: [ReconcileRun], limit: Int = .max) {
        guard !plan.isEmpty else {
            Console.out("nothing to reconcile")
            return
        }
        if plan.count > limit { printSummary(plan) }
        let rows = plan.prefix(limit).enumerated().map { index, run in
            let reasons = Dictionary(grouping: run.targets.compactMap(\.reason), by: { $0 })
                .map { "\($0.value.count) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
            return [String(index + 1), run.assets.map(\.rawValue).joined(separator: ", "), run.partition ?? "-", reasons, run.runKey]
        }
        for line in RunText.table(["#", "ASSETS", "PARTITION", "TARGETS", "RUN KEY"], rows) { Console.out(line) }
        if plan.count > limit { Console.out("… and \(Plural.count(plan.count - limit, "more run")): all with --json, or narrow with --select, --from/--to, --only") }
        Console.out("\(Plural.count(plan.count, "run")), \(Plural.count(plan.reduce(0) { $0 + $1.targets.count }, "asset partition"))")
    }

    /// Per asset: how many runs, stale and missing partitions, and the partitions' span.
    private static func printSummary(_ plan: [ReconcileRun]) {
        var order = [AssetKey]()
        var summary = [AssetKey: (runs: Int, stale: Int, missing: Int, first: String?, last: String?)]()
        for run in plan {
            for asset in run.assets {
                if summary[asset] == nil { order.append(asset) }
                var entry = summary[asset] ?? (0, 0, 0, nil, nil)
                entry.runs += 1
                for row in run.targets where row.asset == asset {
                    if row.status == .stale { entry.stale += 1 } else if row.status == .missing { entry.missing += 1 }
                    if let partition = row.partition {
                        entry.first = entry.first.map { min($0, partition) } ?? partition
                        entry.last = entry.last.map { max($0, partition) } ?? partition
                    }
                }
                summary[asset] = entry
            }
        }
        let rows = order.compactMap { asset in
            summary[asset].map { entry in
                [asset.rawValue, String(entry.runs), String(entry.stale), String(entry.missing),
                 entry.first.map { first in first == entry.last ? first : "\(first)...\(entry.last ?? "")" } ?? "-"]
            }
        }
        for line in RunText.table(["ASSET", "RUNS", "STALE", "MISSING", "PARTITIONS"], rows) { Console.out(line) }
        Console.out("")
    }

    /// What `reconcile run` leaves behind: the failures with where to look and how to retry
    /// them, what they blocked, an interrupt, or what `--max-runs` left for the next call.
    static func summary(_ outcome: ReconcileRunOutcome) {
        if let interrupted = outcome.results.first(where: { InterruptText.wasInterrupted($0.run) }),
            let line = InterruptText.reconcile(interrupted.run, notStarted: outcome.notStarted)
        {
            Console.err(line)
            return
        }
        let failures = outcome.results.filter(\.stopsPlan)
        if !failures.isEmpty {
            Console.out("\(Plural.count(failures.count, "run")) failed" + (outcome.blocked.isEmpty ? "" : ", \(outcome.blocked.count) blocked by them") + ":")
            for failure in failures {
                Console.out("  \(failure.run.runID) \(failure.run.status.rawValue)  \(failure.run.selection)"
                    + (failure.run.partitions.map { " [\($0)]" } ?? ""))
            }
            let assets = Array(Set(failures.map(\.run.selection))).sorted()
            Console.err("hint: see why with `arco logs \(failures[0].run.runID)`; after a fix, "
                + "`arco reconcile run --select \(InterruptText.shellWord(assets.map { $0 + "+" }.joined(separator: ",")))` "
                + "runs them and what reads them")
        }
        let left = outcome.notStarted - outcome.blocked.count
        if left > 0 { Console.out("\(Plural.count(left, "planned run")) not started; `arco reconcile run` continues") }
    }
}

